/**
 * @module Every exercise is complete on both sides: the server-side definition (<id>.ts) has its instructions
 * (<id>.mdx) beside it with the same id, title, points and topology, every lesson lists its own exercises, and every
 * exercise a lesson lists exists (the lesson page would otherwise show a panel with nothing to start).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseFrontmatterSchema } from '../../../src/content/exercise-frontmatter.ts';
import { readLessonFiles, splitFrontmatter } from '../../../src/content/lesson-files.ts';
import { ExerciseRegistry, findExerciseFiles } from '../../../src/exercises/exercise-registry.ts';

const registry = await ExerciseRegistry.load();
const files = new Map(findExerciseFiles().map((file) => [file.replace(/^.*\//, '').replace(/\.ts$/, ''), file]));
const lessons = readLessonFiles();

describe('exercise instructions', () => {
  for (const exercise of registry.list()) {
    it(`${exercise.id} has instructions beside its definition that agree with it`, () => {
      const mdx = join(dirname(files.get(exercise.id)!), `${exercise.id}.mdx`);
      expect(existsSync(mdx), `missing ${mdx}`).toBe(true);
      const { frontmatter } = splitFrontmatter(readFileSync(mdx, 'utf8'), mdx);
      const data = exerciseFrontmatterSchema.parse(frontmatter);
      expect(data).toEqual({ id: exercise.id, title: exercise.title, points: exercise.points, topology: exercise.spec.topology });
    });

    it(`${exercise.id} is listed by its own lesson`, () => {
      expect(lessons.find((l) => l.id === exercise.lesson)?.data.exercises).toContain(exercise.id);
    });
  }

  for (const lesson of lessons) {
    for (const id of lesson.data.exercises) {
      it(`${lesson.id} lists "${id}", which exists`, () => {
        expect(registry.get(id), `no content/lessons/**/_exercises/${id}.ts`).toBeDefined();
      });
    }
  }

  it('refuses instructions with fields the browser must not see', () => {
    const leaked = exerciseFrontmatterSchema.safeParse({ id: 'x', title: 'Leaky', points: 5, topology: 'single', solution: 'SET a b' });
    expect(leaked.success).toBe(false);
  });
});
