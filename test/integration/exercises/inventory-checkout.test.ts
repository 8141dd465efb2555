/** @module Exercise "inventory-checkout" against a real sandbox: idempotent setup, correct solutions pass, typical mistakes fail precisely. */
import { exerciseSuite } from './exercise-suite.ts';

await exerciseSuite('inventory-checkout');
