// @ts-check
/** @module Astro config: a static site (lessons, playground, quiz pages) served by the Hono server in production. */
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { pagefindIndex } from './src/integrations/pagefind-index.ts';

// In `npm run dev` the API runs on its own port; Vite forwards /api (and the terminal WebSocket) to it.
const apiPort = Number(process.env.CACHELAB_API_PORT ?? 4322);

export default defineConfig({
  output: 'static',
  integrations: [mdx(), pagefindIndex()],
  // Code blocks carry both palettes (chosen for AA contrast on our code background); global.css switches with the theme.
  markdown: { shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-default' } } },
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '127.0.0.1' },
  vite: {
    server: {
      proxy: {
        '/api': { target: `http://127.0.0.1:${apiPort}`, ws: true, changeOrigin: false },
      },
    },
  },
});
