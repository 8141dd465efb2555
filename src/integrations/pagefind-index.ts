/**
 * @module Astro integration: after `astro build`, index the lesson pages (the elements marked data-pagefind-body)
 * with Pagefind's Node API and write the static search index to dist/pagefind/.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export function pagefindIndex(): AstroIntegration {
  return {
    name: 'cachelab:pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const site = fileURLToPath(dir);
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          logger.info(`search index: ${added.page_count} page(s) indexed into ${join(site, 'pagefind')}`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
