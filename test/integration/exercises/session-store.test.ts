/** @module Exercise "session-store" against a real sandbox: idempotent setup, correct solutions pass, typical mistakes fail precisely. */
import { exerciseSuite } from './exercise-suite.ts';

await exerciseSuite('session-store');
