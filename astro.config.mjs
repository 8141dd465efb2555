// @ts-check
/** @module Astro config: a static site (lessons, playground, quiz pages) served by the Hono server in production. */
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// In `npm run dev` the API runs on its own port; Vite forwards /api (and the terminal WebSocket) to it.
const apiPort = Number(process.env.CACHELAB_API_PORT ?? 4322);

export default defineConfig({
  output: 'static',
  integrations: [mdx()],
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '127.0.0.1' },
  vite: {
    server: {
      proxy: {
        '/api': { target: `http://127.0.0.1:${apiPort}`, ws: true, changeOrigin: false },
      },
    },
  },
});
