/** @module Exercise "memcached-vs-redis-structures" against real sandboxes: idempotent setup, correct solutions pass, typical mistakes fail precisely. */
import { labExerciseSuite } from './lab-exercise-suite.ts';

await labExerciseSuite('memcached-vs-redis-structures');
