/**
 * @module The author components through a real `astro build` of a throwaway site holding the fixture lesson:
 * they render the documented hooks as static HTML, and invalid props stop the build with a message that says
 * which component, which prop, what was received and what was expected.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const BUILD_TIMEOUT = 180_000;

/** A minimal Astro project: copies of the site code a lesson page needs, the fixture lesson, its own cache dir. */
function createSite(): string {
  const site = mkdtempSync(join(tmpdir(), 'cachelab-site-'));
  // Link each package rather than node_modules itself: Vite and Astro write caches below <root>/node_modules/, and
  // those must stay in the throwaway site instead of racing a build of the real site.
  mkdirSync(join(site, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules')).filter((entry) => !['.vite', '.astro', '.cache'].includes(entry))) {
    symlinkSync(join(root, 'node_modules', name), join(site, 'node_modules', name));
  }
  for (const dir of ['components', 'layouts', 'content', 'styles']) cpSync(join(root, 'src', dir), join(site, 'src', dir), { recursive: true });
  cpSync(join(root, 'src/content.config.ts'), join(site, 'src/content.config.ts'));
  cpSync(join(root, 'src/pages/lessons'), join(site, 'src/pages/lessons'), { recursive: true });
  cpSync(join(root, 'test/fixtures/lessons'), join(site, 'content/lessons'), { recursive: true });
  writeFileSync(
    join(site, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nimport mdx from '@astrojs/mdx';\n" +
      "export default defineConfig({ output: 'static', integrations: [mdx()], cacheDir: './.astro-cache' });\n",
  );
  return site;
}

function build(site: string) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: site,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: BUILD_TIMEOUT,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('author components in a real build', () => {
  let site: string;
  let html: string;

  beforeAll(() => {
    site = createSite();
    const result = build(site);
    expect(result.status, result.output).toBe(0);
    html = readFileSync(join(site, 'dist/lessons/1-sample/1-components/index.html'), 'utf8');
  }, BUILD_TIMEOUT);

  afterAll(() => {
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it('renders each TryIt with its command in data-try and in a code block', () => {
    expect(html).toContain('data-try="SET greeting hello"');
    expect(html).toContain('data-try="SET a 1\nGET a"');
    expect(html).toMatch(/data-try="CLUSTER INFO"[^>]*data-try-expect="error"/);
    expect(html).toMatch(/<pre[^>]*><code[^>]*>SET greeting hello<\/code><\/pre>/);
  });

  it('renders each Diagram as a figure with data-diagram, caption, text alternative and mermaid source', () => {
    expect(html).toMatch(/<figure[^>]*data-diagram/);
    expect(html).toContain('<figcaption');
    expect(html).toContain('aria-label="The application writes to the primary, and the primary copies each write to one replica."');
    expect(html).toMatch(/<code class="language-mermaid"[^>]*>flowchart LR/);
    expect(html).toMatch(/min-height: \d+px/);
  });

  it('renders Compare as a captioned table with column and row headers', () => {
    expect(html).toMatch(/<caption[^>]*>Two roles<\/caption>/);
    expect(html).toMatch(/<th[^>]*scope="col"[^>]*>Primary<\/th>/);
    expect(html).toMatch(/<th[^>]*scope="row"[^>]*>Writes<\/th>/);
    expect(html).toContain('no (<code>READONLY</code>)');
  });

  it('renders Callout and KeyTakeaways around their markdown children', () => {
    expect(html).toMatch(/role="note"[^>]*aria-label="In AWS this is a console action: Create the group"/);
    expect(html).toMatch(/class="key-takeaways[^"]*"[^>]*>\s*<ul>/);
  });

  it('puts the terminal mount beside the text with the lesson topology', () => {
    expect(html).toMatch(/data-terminal[^>]*data-topology="single"|data-topology="single"[^>]*data-terminal/);
  });

  it('stops the build when a component gets an invalid prop, naming component, prop, value and expectation', () => {
    mkdirSync(join(site, 'content/lessons/1-sample/2-broken'), { recursive: true });
    const fixture = readFileSync(join(site, 'content/lessons/1-sample/1-components/index.mdx'), 'utf8');
    writeFileSync(
      join(site, 'content/lessons/1-sample/2-broken/index.mdx'),
      fixture.replace('order: 1', 'order: 2').replace('<TryIt command="SET greeting hello" note="Stores a string" />', '<TryIt command={42} />'),
    );
    const result = build(site);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('<TryIt> has invalid props');
    expect(result.output).toContain('prop "command" received 42 (number), expected a string');
  }, BUILD_TIMEOUT);
});
