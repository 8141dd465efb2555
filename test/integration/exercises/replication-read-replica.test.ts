/** @module Exercise "replication-read-replica" against real sandboxes: idempotent setup, correct solutions pass, typical mistakes fail precisely. */
import { labExerciseSuite } from './lab-exercise-suite.ts';

await labExerciseSuite('replication-read-replica');
