/** @module Exercise "lost-writes-wait" against real sandboxes: idempotent setup, correct solutions pass, typical mistakes fail precisely. */
import { labExerciseSuite } from './lab-exercise-suite.ts';

await labExerciseSuite('lost-writes-wait');
