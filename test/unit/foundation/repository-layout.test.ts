import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('repository foundation', () => {
  it('has the fixed top level', () => {
    for (const entry of ['package.json', 'tsconfig.json', 'astro.config.mjs', 'content', 'src', 'sandbox', 'test', 'Dockerfile', 'README.md', '.ci/run', '.nvmrc']) {
      expect(existsSync(join(root, entry)), entry).toBe(true);
    }
  });

  it('declares Node >= 22.12 consistently in package.json and .nvmrc', () => {
    expect(JSON.parse(read('package.json')).engines.node).toBe('>=22.12');
    expect(Number(read('.nvmrc').trim().split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  it('has a Dockerfile whose COPY sources all exist in the repository', () => {
    const dockerfile = read('Dockerfile');
    const copies = [...dockerfile.matchAll(/^COPY\s+(?!--from)(?:--\S+\s+)*(.+)$/gm)].map((m) => m[1]!.trim().split(/\s+/));
    expect(copies.length).toBeGreaterThan(0);
    for (const parts of copies) {
      for (const source of parts.slice(0, -1)) expect(existsSync(join(root, source)), `Dockerfile COPY ${source}`).toBe(true);
    }
    expect(dockerfile).toMatch(/^FROM node:22[^\n]*AS build/m);
    expect(dockerfile).toMatch(/redis-server/);
    expect(dockerfile).toMatch(/^USER (?!root)\S+/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/api\/health/);
    expect(dockerfile).toMatch(/CMD \["npm", "start"\]/);
  });

  it('runs exactly the README test command in CI', () => {
    const readme = read('README.md');
    expect(readme).toMatch(/npm install && npm start/);
    expect(readme).toMatch(/^npm test$/m);
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });
});
