/**
 * @module Astro content collections: the lessons under content/lessons/<n-part>/<n-lesson>/index.mdx and the
 * instructions of their graded exercises beside them (<n-lesson>/_exercises/<id>.mdx).
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './content/lesson-schema.ts';
import { exerciseFrontmatterSchema, exerciseIdOfFile } from './content/exercise-frontmatter.ts';

const lessons = defineCollection({
  // The folder path is the lesson id ("2-high-availability/1-replication"): the folders ARE the curriculum,
  // so ids must not be slugified or depend on a frontmatter field.
  loader: glob({
    pattern: '*/*/index.mdx',
    base: './content/lessons',
    generateId: ({ entry }) => entry.replace(/\/index\.mdx$/, ''),
  }),
  schema: lessonSchema,
});

const exercises = defineCollection({
  // The file name is the exercise id, as for the server-side definition <id>.ts next to it.
  loader: glob({
    pattern: '*/*/_exercises/*.mdx',
    base: './content/lessons',
    generateId: ({ entry }) => exerciseIdOfFile(entry),
  }),
  schema: exerciseFrontmatterSchema,
});

export const collections = { lessons, exercises };
