/**
 * @module The lesson files: the folder layout is the curriculum, every frontmatter parses against the strict schema,
 * every lesson is hands-on and ends with "Key takeaways" and "In the interview".
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRICULUM, CURRICULUM_LESSON_IDS, NUMBERED_FOLDER } from '../../../src/content/curriculum.ts';
import { DEFAULT_LESSONS_DIR, findLessonFiles, readLessonFiles, splitFrontmatter } from '../../../src/content/lesson-files.ts';
import { lessonSchema } from '../../../src/content/lesson-schema.ts';

const lessonsDir = DEFAULT_LESSONS_DIR;
const files = findLessonFiles(lessonsDir);
const idOf = (file: string) => file.slice(lessonsDir.length + 1, -'/index.mdx'.length);
const COMPONENTS_IMPORT = /^import\s*\{[^}]*\}\s*from\s*['"]((?:\.\.\/){4}src\/components\/mdx\/index\.ts)['"];?\s*$/m;

/** The body's h2 headings in order, ignoring fenced code. */
function h2Headings(body: string): string[] {
  const withoutCode = body.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
  return [...withoutCode.matchAll(/^##\s+(.+?)\s*$/gm)].map((match) => match[1] ?? '');
}

describe('the curriculum folder layout', () => {
  it('has exactly the numbered part and lesson folders of the track', () => {
    const found: string[] = [];
    for (const part of readdirSync(lessonsDir).filter((name) => statSync(join(lessonsDir, name)).isDirectory())) {
      expect(part, `part folder "${part}" must be named <number>-<slug>`).toMatch(NUMBERED_FOLDER);
      for (const lesson of readdirSync(join(lessonsDir, part)).filter((name) => statSync(join(lessonsDir, part, name)).isDirectory())) {
        expect(lesson, `lesson folder "${part}/${lesson}" must be named <number>-<slug>`).toMatch(NUMBERED_FOLDER);
        found.push(`${part}/${lesson}`);
      }
    }
    expect(found.sort()).toEqual([...CURRICULUM_LESSON_IDS].sort());
  });

  it.each(CURRICULUM_LESSON_IDS)('has content/lessons/%s/index.mdx', (id) => {
    expect(existsSync(join(lessonsDir, id, 'index.mdx')), `missing content/lessons/${id}/index.mdx`).toBe(true);
  });

  it('gives every lesson a unique order that follows the folder order', () => {
    const lessons = readLessonFiles(lessonsDir);
    const orders = lessons.map((lesson) => lesson.data.order);
    expect(new Set(orders).size, `duplicate order values: ${orders.join(', ')}`).toBe(orders.length);
    const byFolder = CURRICULUM_LESSON_IDS.filter((id) => lessons.some((lesson) => lesson.id === id));
    expect(lessons.map((lesson) => lesson.id)).toEqual(byFolder);
  });

  it('uses one part title per part folder', () => {
    const lessons = readLessonFiles(lessonsDir);
    for (const { part } of CURRICULUM) {
      const titles = new Set(lessons.filter((lesson) => lesson.id.startsWith(`${part}/`)).map((lesson) => lesson.data.part));
      expect(titles.size, `part ${part} has several titles: ${[...titles].join(' / ')}`).toBeLessThanOrEqual(1);
    }
  });
});

describe.each(files.map((file) => [idOf(file), file] as const))('lesson %s', (id, file) => {
  const text = readFileSync(file, 'utf8');

  it('has frontmatter that parses against the strict lesson schema', () => {
    const { frontmatter } = splitFrontmatter(text, file);
    const parsed = lessonSchema.safeParse(frontmatter);
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([]);
  });

  it('imports the MDX components from src/components/mdx/index.ts, and that path exists', () => {
    const match = COMPONENTS_IMPORT.exec(text);
    expect(match, 'expected the line: import { ... } from \'../../../../src/components/mdx/index.ts\';').not.toBeNull();
    expect(existsSync(resolve(dirname(file), match![1]!))).toBe(true);
  });

  it('has at least one <TryIt> command', () => {
    expect(text).toMatch(/<TryIt\b[^>]*\bcommand=/);
  });

  it('ends with "## Key takeaways" (holding <KeyTakeaways>) and then "## In the interview"', () => {
    const { body } = splitFrontmatter(text, file);
    const headings = h2Headings(body);
    expect(headings.slice(-2)).toEqual(['Key takeaways', 'In the interview']);
    const takeaways = body.slice(body.indexOf('## Key takeaways'), body.indexOf('## In the interview'));
    expect(takeaways).toMatch(/<KeyTakeaways>[\s\S]*^\s*[-*]\s+\S[\s\S]*<\/KeyTakeaways>/m);
    const interview = body.slice(body.indexOf('## In the interview'));
    expect(interview.replace(/^## In the interview\s*/, '').trim().length, 'the interview section is empty').toBeGreaterThan(40);
  });
});
