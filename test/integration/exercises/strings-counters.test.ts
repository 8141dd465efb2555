/** @module Exercise "strings-counters" against a real sandbox: idempotent setup, correct solutions pass, typical mistakes fail precisely. */
import { exerciseSuite } from './exercise-suite.ts';

await exerciseSuite('strings-counters');
