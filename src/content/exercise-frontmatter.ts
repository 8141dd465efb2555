/**
 * @module Frontmatter of an exercise's instructions (content/lessons/<part>/<lesson>/_exercises/<id>.mdx), validated at
 * build time. Only what the browser may see: hints, checks and the solution stay in the server-side <id>.ts.
 */
import { z } from 'zod';
import { lessonTopologySchema } from './lesson-schema.ts';

export const exerciseFrontmatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/).describe('Same as the file name and the id in <id>.ts'),
    title: z.string().min(3).max(120),
    points: z.number().int().min(1).max(100),
    topology: lessonTopologySchema.describe('Sandbox shape the exercise starts (must match spec.topology in <id>.ts)'),
  })
  .strict();
export type ExerciseFrontmatter = z.infer<typeof exerciseFrontmatterSchema>;

/** "1-foundations/3-data-structures/_exercises/leaderboard.mdx" -> "leaderboard". */
export function exerciseIdOfFile(entry: string): string {
  return entry.replace(/^.*\//, '').replace(/\.mdx$/, '');
}
