/**
 * @module The Hono application: JSON API under /api, the terminal WebSocket, and (in production)
 * the built Astro site. Route modules are mounted with app.route(); errors map in one onError.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { createNodeWebSocket } from '@hono/node-ws';
import { serveStatic } from '@hono/node-server/serve-static';
import type { SandboxEngine } from '../../sandbox/sandbox-engine.ts';
import { CachelabError } from './errors.ts';
import { learnerIdentity, type IdentityVariables } from './identity.ts';
import { healthRoutes } from './routes/health.ts';
import { lessonRoutes } from './routes/lessons.ts';
import { sandboxRoutes } from './routes/sandboxes.ts';
import { snapshotRoutes } from './routes/snapshots.ts';
import { createTerminalGateway } from './terminal/index.ts';
import { identityRoutes, progressRoutes } from './routes/progress.ts';
import { quizRoutes } from './routes/quiz.ts';
import { learningServices } from '../progress/learning-services.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import type { QuizService } from '../quiz/quiz-service.ts';
import type { ExerciseService } from '../exercises/exercise-service.ts';
import { exerciseRoutes } from './routes/exercises.ts';

export interface AppDeps {
  engine: SandboxEngine;
  /** Signs learner cookies, terminal tokens and progress export files. */
  secret: string;
  /** Where the SQLite progress file and other platform data live. */
  dataDir: string;
  /** Built Astro site to serve; omitted in development (Astro's dev server serves pages) and in API tests. */
  distDir?: string;
  /** Progress store; when omitted, createApp opens <dataDir>/cachelab.sqlite and its dispose() closes it. */
  progress?: ProgressStore;
  /** Quiz sessions; when omitted, built on first quiz request from content/quiz and disposed by createApp's dispose(). */
  quiz?: QuizService;
  /** Graded exercises (/api/exercises and the `lab check|hint|solution` commands); main.ts builds it. */
  exercises?: ExerciseService;
}

export type AppEnv = { Variables: IdentityVariables };

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const ws = createNodeWebSocket({ app });

  app.onError((error, c) => {
    if (error instanceof CachelabError) return c.json({ error: error.message }, error.status);
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    console.error('[cachelab] unexpected error', error);
    return c.json({ error: 'Internal error. The server log has the details; please report it if it repeats.' }, 500);
  });
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: `No API route ${c.req.method} ${c.req.path}. See README.md for the API.` }, 404)
      : c.text('Not found', 404),
  );

  app.use('/api/*', learnerIdentity(deps.secret));
  app.route('/api/health', healthRoutes(deps));
  app.route('/api/lessons', lessonRoutes(deps));
  app.route('/api/sandboxes', sandboxRoutes(deps));
  app.route('/api/snapshots', snapshotRoutes(deps));
  const terminal = createTerminalGateway({ ...deps, ws });
  app.route('/api', terminal.routes);
  const learning = learningServices(deps);
  app.route('/api/progress', progressRoutes(learning.progress, deps.secret));
  app.route('/api/identity', identityRoutes(learning.progress, deps.secret));
  app.route('/api/quiz', quizRoutes(learning.quiz));
  if (deps.exercises) app.route('/api/exercises', exerciseRoutes(deps.exercises));

  if (deps.distDir) app.use('/*', serveStatic({ root: deps.distDir }));

  return {
    app,
    injectWebSocket: ws.injectWebSocket,
    upgradeWebSocket: ws.upgradeWebSocket,
    /** Closes terminal sessions and what createApp opened itself (the progress store and quiz timers when not passed in deps). */
    dispose: async () => {
      await terminal.dispose();
      await learning.dispose();
    },
  };
}
