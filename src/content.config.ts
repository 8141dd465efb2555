/** @module Astro content collections: the lessons under content/lessons/<n-part>/<n-lesson>/index.mdx. */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './content/lesson-schema.ts';

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

export const collections = { lessons };
