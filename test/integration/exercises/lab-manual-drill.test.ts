/** @module Exercise "lab-manual-drill" against real sandboxes: idempotent setup, correct solutions pass, typical mistakes fail precisely. */
import { labExerciseSuite } from './lab-exercise-suite.ts';

await labExerciseSuite('lab-manual-drill');
