/** @module GET /api/lessons returns the curriculum in track order, in the documented shape, read from frontmatter. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it, onTestFinished } from 'vitest';
import { lessonRoutes, lessonSummarySchema } from '../../../src/server/routes/lessons.ts';
import { readLessonFiles } from '../../../src/content/lesson-files.ts';

const fixtureLessons = resolve(import.meta.dirname, '../../fixtures/lessons');

function appFor(lessonsDir?: string) {
  return new Hono().route('/api/lessons', lessonRoutes(lessonsDir ? { lessonsDir } : {}));
}

describe('GET /api/lessons', () => {
  it('lists every lesson of content/lessons in order, with the documented fields only', async () => {
    const response = await appFor().request('/api/lessons');
    expect(response.status).toBe(200);
    const body = lessonSummarySchema.array().parse(await response.json());
    const expected = readLessonFiles();
    expect(body.map((lesson) => lesson.id)).toEqual(expected.map((lesson) => lesson.id));
    expect(body.map((lesson) => lesson.order)).toEqual([...body.map((lesson) => lesson.order)].sort((a, b) => a - b));
    for (const lesson of body) expect(lesson.url).toBe(`/lessons/${lesson.id}/`);
  });

  it('reads the frontmatter of a lessons folder it is pointed at', async () => {
    const response = await appFor(fixtureLessons).request('/api/lessons');
    expect(await response.json()).toEqual([
      {
        id: '1-sample/1-components',
        title: 'Sample lesson for component tests',
        url: '/lessons/1-sample/1-components/',
        part: 'Sample part',
        order: 1,
        level: 'basic',
        minutes: 5,
        topology: 'single',
        exercises: [],
      },
    ]);
  });

  it('fails with a message naming the file and the field when a lesson has invalid frontmatter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cachelab-lessons-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, '1-part/1-broken'), { recursive: true });
    writeFileSync(join(dir, '1-part/1-broken/index.mdx'), '---\ntitle: Broken\nlevel: expert\n---\nText\n');
    expect(() => readLessonFiles(dir)).toThrow(/1-part\/1-broken\/index\.mdx: invalid frontmatter[\s\S]*level:/);
  });
});
