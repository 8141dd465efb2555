/** @module Child process of the crash test: records exercise passes in a loop and prints each acknowledged one. */
import { openSqliteProgressStore } from '../../../src/progress/sqlite-progress-store.ts';

const [dataDir, learnerId] = process.argv.slice(2);
if (!dataDir || !learnerId) throw new Error('usage: crash-writer.ts <dataDir> <learnerId>');
const store = openSqliteProgressStore(dataDir);
for (let i = 0; ; i++) {
  await store.recordExerciseCheck(learnerId, `exercise-${i}`, true, [{ name: 'probe', passed: true, message: `write ${i}` }]);
  process.stdout.write(`ack ${i}\n`);
}
