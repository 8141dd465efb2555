/**
 * @module Finds every exercise definition beside its lesson (content/lessons/<part>/<lesson>/_exercises/<id>.ts),
 * loads it once and indexes it by id. Duplicate ids or a definition whose lesson folder differs fail loudly.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExerciseDefinition } from './exercise-definition.ts';

export const LESSONS_DIR = resolve(import.meta.dirname, '../../content/lessons');

export function findExerciseFiles(lessonsDir = LESSONS_DIR): string[] {
  return readdirSync(lessonsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.split(sep).at(-2) === '_exercises' && file.endsWith('.ts'))
    .sort()
    .map((file) => join(lessonsDir, file));
}

export class ExerciseRegistry {
  private constructor(private readonly byId: ReadonlyMap<string, ExerciseDefinition>) {}

  static async load(lessonsDir = LESSONS_DIR): Promise<ExerciseRegistry> {
    const byId = new Map<string, ExerciseDefinition>();
    for (const file of findExerciseFiles(lessonsDir)) {
      const module = (await import(pathToFileURL(file).href)) as { default?: ExerciseDefinition };
      const exercise = module.default;
      if (!exercise?.id) throw new Error(`${file} must \`export default defineExercise({...})\`.`);
      const lessonOfFile = relative(lessonsDir, file).split(sep).slice(0, -2).join('/');
      if (exercise.lesson !== lessonOfFile) {
        throw new Error(`Exercise "${exercise.id}" says lesson "${exercise.lesson}" but lives in ${lessonOfFile}; move it or fix \`lesson\`.`);
      }
      if (byId.has(exercise.id)) throw new Error(`Two exercises share the id "${exercise.id}"; ids must be unique.`);
      byId.set(exercise.id, exercise);
    }
    return new ExerciseRegistry(byId);
  }

  get(id: string): ExerciseDefinition | undefined {
    return this.byId.get(id);
  }

  list(): ExerciseDefinition[] {
    return [...this.byId.values()];
  }
}
