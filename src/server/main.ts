/**
 * @module `npm start`: checks prerequisites, builds the site if needed, reaps orphaned sandboxes,
 * and serves site + API + terminal WebSocket from one process. SIGINT/SIGTERM delete every sandbox.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createSandboxEngine } from '../../sandbox/index.ts';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { checkPrerequisites } from './prerequisites.ts';
import { loadSecret } from './secret.ts';
import { engineOptionsFromConfig } from './engine-options.ts';
import { lessonExercisesIndex } from '../progress/learning-services.ts';
import { openSqliteProgressStore, type SqliteProgressStore } from '../progress/sqlite-progress-store.ts';
import { loadQuestionBank } from '../quiz/question-bank.ts';
import { QuizService } from '../quiz/quiz-service.ts';
import { ExerciseRegistry } from '../exercises/exercise-registry.ts';
import { ExerciseService } from '../exercises/exercise-service.ts';
import { exerciseProgressFrom } from '../exercises/progress-adapter.ts';

const apiOnly = process.argv.includes('--api-only');
const root = resolve(import.meta.dirname, '../..');

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const { problems } = checkPrerequisites(config.CACHELAB_REDIS_SERVER);
if (problems.length > 0) {
  for (const problem of problems) console.error(`cachelab: ${problem}`);
  process.exit(1);
}

const distDir = join(root, 'dist');
if (!apiOnly && process.argv.includes('--build-if-needed') && !existsSync(join(distDir, 'index.html'))) {
  console.log('cachelab: building the site once (dist/ is missing)...');
  const build = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('cachelab: the site build failed (see above). Fix the error, or run `npm run build` to retry.');
    process.exit(1);
  }
}

const dataDir = resolve(root, config.CACHELAB_DATA_DIR);
const secret = loadSecret(dataDir, config.CACHELAB_SECRET);
// The bank is validated at start so a broken question file stops the server with its name, not a 500 later.
let progress: SqliteProgressStore;
let quiz: QuizService;
let exerciseRegistry: ExerciseRegistry;
try {
  progress = openSqliteProgressStore(dataDir);
  quiz = new QuizService({ store: progress, bank: loadQuestionBank(), exercisesOfLesson: lessonExercisesIndex() });
  await quiz.start();
  // Exercise definitions are validated on load: a broken one stops the server with its file name.
  exerciseRegistry = await ExerciseRegistry.load();
} catch (error) {
  console.error(`cachelab: ${(error as Error).message}`);
  process.exit(1);
}
const engine = await createSandboxEngine(engineOptionsFromConfig(config, dataDir));
const exercises = new ExerciseService(engine, exerciseRegistry, exerciseProgressFrom(progress));
const { app, injectWebSocket, dispose: disposeApp } = createApp({
  engine,
  secret,
  dataDir,
  distDir: apiOnly ? undefined : distDir,
  progress,
  quiz,
  exercises,
});

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  console.log(`cachelab: listening on http://${info.address}:${info.port}`);
});
injectWebSocket(server);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`cachelab: ${signal} received, deleting sandboxes...`);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  server.close();
  await disposeApp();
  await exercises.dispose();
  await engine.dispose();
  await quiz.dispose();
  await progress.dispose();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
