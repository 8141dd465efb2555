/** @module Exercise "snapshot-restore" against real sandboxes: idempotent setup, correct solutions pass, typical mistakes fail precisely. */
import { labExerciseSuite } from './lab-exercise-suite.ts';

await labExerciseSuite('snapshot-restore');
