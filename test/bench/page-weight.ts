/**
 * @module Measures the JavaScript a built page ships (gzipped): what loads with the page (inline scripts, module
 * scripts, modulepreloads and their static imports) versus what only loads on demand (dynamic imports such as
 * mermaid and xterm). Run after `astro build`: `node --import tsx test/bench/page-weight.ts` (exit 1 over budget).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The lesson-page budget of issue 4 §6: gzipped JavaScript before the terminal is opened. */
export const LESSON_JS_BUDGET_BYTES = 50 * 1024;

export interface PageWeight {
  /** Page path below dist/, e.g. "lessons/3-scaling/1-cluster-mode/index.html". */
  page: string;
  /** Gzipped bytes of every script that runs or downloads with the page. */
  initialGzip: number;
  /** Gzipped bytes reachable only through dynamic import() (loaded on demand). */
  onDemandGzip: number;
  initialFiles: string[];
}

const SCRIPT_TAG = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const MODULEPRELOAD = /<link\b[^>]*rel=["']?modulepreload["']?[^>]*>/gi;
const HREF = /\bhref=["']?([^"'\s>]+)/i;
const SRC = /\bsrc=["']?([^"'\s>]+)/i;
// Static `import ... from "x"`, `import "x"` and `export ... from "x"`; never `import(` (that is on demand).
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.m?js)["'`]\s*\)/g;
// Vite lists a dynamic import's dependencies in __vite__mapDeps([...]) as paths relative to the site root.
const VITE_MAP_DEPS = /__vite__mapDeps\s*=\s*\([^)]*\)\s*=>[^[]*\[([^\]]*)\]/;

const gzipSize = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

function resolveUrl(distDir: string, fromFile: string | undefined, specifier: string): string | undefined {
  if (/^(https?:)?\/\//.test(specifier) || specifier.startsWith('data:')) return undefined;
  const path = specifier.startsWith('/') ? join(distDir, specifier) : join(fromFile ? dirname(fromFile) : distDir, specifier);
  return existsSync(path) ? path : undefined;
}

/** Files a module pulls in: statically (runs with it) and dynamically (on demand). */
function importsOf(distDir: string, file: string): { staticImports: string[]; dynamicImports: string[] } {
  const code = readFileSync(file, 'utf8');
  const staticImports = [...code.matchAll(STATIC_IMPORT)].map((m) => resolveUrl(distDir, file, m[1]!)).filter((f): f is string => !!f);
  const dynamicImports = [...code.matchAll(DYNAMIC_IMPORT)].map((m) => resolveUrl(distDir, file, m[1]!)).filter((f): f is string => !!f);
  const mapped = VITE_MAP_DEPS.exec(code)?.[1];
  if (mapped) {
    for (const dep of mapped.split(',').map((s) => s.trim().replace(/^["'`]|["'`]$/g, ''))) {
      const path = resolveUrl(distDir, undefined, `/${dep}`);
      if (path && path.endsWith('.js')) dynamicImports.push(path);
    }
  }
  return { staticImports, dynamicImports };
}

function closure(distDir: string, roots: string[]): { files: Set<string>; dynamicRoots: Set<string> } {
  const files = new Set<string>();
  const dynamicRoots = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const { staticImports, dynamicImports } = importsOf(distDir, file);
    queue.push(...staticImports);
    for (const dynamic of dynamicImports) dynamicRoots.add(dynamic);
  }
  return { files, dynamicRoots };
}

/** Weighs one built HTML page. */
export function measurePage(distDir: string, htmlFile: string): PageWeight {
  const html = readFileSync(htmlFile, 'utf8');
  let inlineGzip = 0;
  const roots: string[] = [];
  const inlineDynamic: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT_TAG)) {
    if (/\btype=["']?(application\/(ld\+)?json|text\/template)/i.test(attributes)) continue;
    const src = SRC.exec(attributes)?.[1];
    if (src) {
      const file = resolveUrl(distDir, htmlFile, src);
      if (file) roots.push(file);
    } else if (body.trim() !== '') {
      inlineGzip += gzipSize(body);
      for (const m of body.matchAll(STATIC_IMPORT)) {
        const file = resolveUrl(distDir, htmlFile, m[1]!);
        if (file) roots.push(file);
      }
      for (const m of body.matchAll(DYNAMIC_IMPORT)) {
        const file = resolveUrl(distDir, htmlFile, m[1]!);
        if (file) inlineDynamic.push(file);
      }
    }
  }
  for (const [tag] of html.matchAll(MODULEPRELOAD)) {
    const href = HREF.exec(tag)?.[1];
    const file = href ? resolveUrl(distDir, htmlFile, href) : undefined;
    if (file) roots.push(file);
  }
  const initial = closure(distDir, roots);
  // Everything reachable through any chain of dynamic imports (mermaid loads each diagram type on demand too).
  const onDemandFiles = new Set<string>();
  let pending = [...initial.dynamicRoots, ...inlineDynamic];
  while (pending.length > 0) {
    const next = closure(distDir, pending.filter((file) => !initial.files.has(file) && !onDemandFiles.has(file)));
    for (const file of next.files) onDemandFiles.add(file);
    pending = [...next.dynamicRoots].filter((file) => !initial.files.has(file) && !onDemandFiles.has(file));
  }
  const size = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0);
  return {
    page: relative(distDir, htmlFile),
    initialGzip: inlineGzip + size(initial.files),
    onDemandGzip: size(onDemandFiles),
    initialFiles: [...initial.files].map((file) => relative(distDir, file)).sort(),
  };
}

/** Every index.html below dist/lessons/ (one per lesson). */
export function lessonPages(distDir: string): string[] {
  const root = join(distDir, 'lessons');
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html' && dir !== root) pages.push(path);
    }
  };
  if (existsSync(root)) walk(root);
  return pages.sort();
}

export function measureLessonPages(distDir: string): PageWeight[] {
  return lessonPages(distDir).map((page) => measurePage(distDir, page));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.main) {
  const distDir = resolve(import.meta.dirname, '../../dist');
  const weights = measureLessonPages(distDir);
  if (weights.length === 0) {
    console.error('No lesson pages in dist/lessons/. Run `npx astro build` first.');
    process.exit(1);
  }
  console.log('Lesson page JavaScript, gzipped (initial = before the terminal is opened; on demand = everything behind dynamic import(), e.g. all mermaid diagram types and xterm)');
  for (const weight of weights) {
    console.log(`  ${weight.page.padEnd(60)} initial ${kb(weight.initialGzip).padStart(9)}   on demand ${kb(weight.onDemandGzip).padStart(9)}`);
  }
  const worst = weights.reduce((max, weight) => (weight.initialGzip > max.initialGzip ? weight : max));
  console.log(`Largest initial: ${kb(worst.initialGzip)} (${worst.page}); budget ${kb(LESSON_JS_BUDGET_BYTES)}.`);
  if (worst.initialGzip > LESSON_JS_BUDGET_BYTES) {
    console.error(`Over budget. Initial files of ${worst.page}:\n  ${worst.initialFiles.join('\n  ')}`);
    process.exit(1);
  }
}
