/**
 * @module GET /api/lessons: the curriculum in track order, read from the lessons' frontmatter (validated with the
 * same schema as the site build) once, on the first request.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';
import { DEFAULT_LESSONS_DIR, readLessonFiles } from '../../content/lesson-files.ts';
import { levelSchema, lessonTopologySchema } from '../../content/lesson-schema.ts';
import { lessonUrl } from '../../content/lesson-url.ts';

export const lessonSummarySchema = z
  .object({
    id: z.string().describe('Lesson id: its folder path below content/lessons/'),
    title: z.string(),
    url: z.string().describe('Page URL, /lessons/<id>/'),
    part: z.string().describe('Title of the part the lesson belongs to'),
    order: z.number().int(),
    level: levelSchema,
    minutes: z.number().int(),
    topology: lessonTopologySchema,
    exercises: z.array(z.string()),
  })
  .strict();
export type LessonSummary = z.infer<typeof lessonSummarySchema>;

/** The curriculum as the API returns it; throws (naming each bad file) if any lesson's frontmatter is invalid. */
export function loadLessonSummaries(lessonsDir: string = DEFAULT_LESSONS_DIR): LessonSummary[] {
  return readLessonFiles(lessonsDir).map(({ id, data }) => ({
    id,
    title: data.title,
    url: lessonUrl(id),
    part: data.part,
    order: data.order,
    level: data.level,
    minutes: data.minutes,
    topology: data.topology,
    exercises: data.exercises,
  }));
}

export interface LessonRoutesOptions extends Partial<Pick<AppDeps, 'distDir'>> {
  /** content/lessons/ to read (tests point this at a fixture); defaults to the checkout's. */
  lessonsDir?: string;
}

export function lessonRoutes(options: LessonRoutesOptions = {}) {
  let summaries: LessonSummary[] | undefined;
  return new Hono<AppEnv>().get('/', (c) => {
    // Read lazily and cache: lessons only change with a new deploy, and a broken lesson should fail this route
    // with the validation message rather than stop the whole server from starting.
    summaries ??= loadLessonSummaries(options.lessonsDir);
    return c.json(summaries);
  });
}
