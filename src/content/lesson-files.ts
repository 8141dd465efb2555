/**
 * @module Reads lesson frontmatter straight from content/lessons/ (outside Astro), for the API route and the
 * content tests: the Hono server cannot use astro:content at runtime, and the tests must not need a build.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lessonSchema, type LessonFrontmatter } from './lesson-schema.ts';

export interface LessonFile {
  /** The folder path below content/lessons/, e.g. "2-high-availability/1-replication". */
  id: string;
  /** Absolute path of the index.mdx file. */
  file: string;
  data: LessonFrontmatter;
  /** The MDX text after the frontmatter. */
  body: string;
}

/** content/lessons/ of this checkout, found from this file so it works from any working directory. */
export const DEFAULT_LESSONS_DIR = resolve(import.meta.dirname, '../../content/lessons');

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits an MDX file into its YAML frontmatter object and body; throws a message naming the file if either is missing. */
export function splitFrontmatter(text: string, file: string): { frontmatter: unknown; body: string } {
  const match = FRONTMATTER.exec(text);
  if (!match) throw new Error(`${file}: no frontmatter. Start the file with a "---" line, the YAML fields, and another "---" line.`);
  let frontmatter: unknown;
  try {
    frontmatter = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new Error(`${file}: the frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  return { frontmatter, body: text.slice(match[0].length) };
}

/** Every index.mdx exactly two folders below `lessonsDir` (part/lesson/index.mdx), in a stable order. */
export function findLessonFiles(lessonsDir: string = DEFAULT_LESSONS_DIR): string[] {
  const files: string[] = [];
  for (const part of safeReaddir(lessonsDir)) {
    const partDir = join(lessonsDir, part);
    if (!statSync(partDir).isDirectory()) continue;
    for (const lesson of safeReaddir(partDir)) {
      const file = join(partDir, lesson, 'index.mdx');
      if (isFile(file)) files.push(file);
    }
  }
  return files.sort();
}

/** Reads and validates every lesson's frontmatter; sorted by `order`. Throws one message listing every invalid file. */
export function readLessonFiles(lessonsDir: string = DEFAULT_LESSONS_DIR): LessonFile[] {
  const lessons: LessonFile[] = [];
  const problems: string[] = [];
  for (const file of findLessonFiles(lessonsDir)) {
    const id = relative(lessonsDir, file).split(sep).slice(0, -1).join('/');
    try {
      const { frontmatter, body } = splitFrontmatter(readFileSync(file, 'utf8'), file);
      const parsed = lessonSchema.safeParse(frontmatter);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `    ${issue.path.join('.') || '(root)'}: ${issue.message}`);
        problems.push(`${file}: invalid frontmatter\n${issues.join('\n')}`);
        continue;
      }
      lessons.push({ id, file, data: parsed.data, body });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new Error(`Lesson frontmatter problems (see src/content/lesson-schema.ts):\n${problems.join('\n')}`);
  return lessons.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
