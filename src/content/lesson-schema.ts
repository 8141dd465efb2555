/** @module Frontmatter of a lesson (content/lessons/<n-part>/<n-lesson>/index.mdx), validated at build time. */
import { z } from 'zod';

export const levelSchema = z.enum(['basic', 'intermediate', 'advanced']).describe('Difficulty');
export type Level = z.infer<typeof levelSchema>;

export const lessonTopologySchema = z
  .enum(['single', 'replication', 'cluster'])
  .describe('Sandbox topology of the terminal beside the lesson (default shape: replication 1+2, cluster 3x1)');

const sourceUrl = z
  .url()
  .refine((u) => /^https:\/\/([a-z0-9-]+\.)*(aws\.amazon\.com|amazon\.com|redis\.io|valkey\.io|github\.com)\//.test(u), {
    message: 'sources must be AWS, redis.io, valkey.io or github.com (awsdocs) URLs',
  });

export const lessonSchema = z
  .object({
    title: z.string().min(3).max(90).describe('Lesson title shown in the page heading and the track map'),
    summary: z.string().min(20).max(300).describe('One or two sentences for the track map and search results'),
    order: z.number().int().min(1).describe('Position in the whole track (1, 2, 3, ...), unique'),
    part: z.string().min(3).describe('Title of the part this lesson belongs to, e.g. "High availability"'),
    level: levelSchema,
    minutes: z.number().int().min(3).max(120).describe('Estimated reading + hands-on time in minutes'),
    objectives: z.array(z.string().min(5)).min(2).max(8).describe('Learning objectives: "After this lesson you can ..."'),
    topology: lessonTopologySchema,
    keyTerms: z
      .array(z.object({ term: z.string().min(1), definition: z.string().min(5) }).strict())
      .min(2)
      .describe('Glossary of the lesson'),
    sources: z.array(sourceUrl).min(1).describe('AWS / redis.io / valkey.io pages the lesson relies on'),
    exercises: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]).describe('Ids of graded exercises for this lesson'),
  })
  .strict();
export type LessonFrontmatter = z.infer<typeof lessonSchema>;
