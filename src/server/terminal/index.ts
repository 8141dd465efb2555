/**
 * @module The terminal gateway: `POST /api/sandboxes/:id/terminal-token` and the WebSocket at
 * `/api/terminal?sandbox=<id>&token=<t>&session=<client session id>`. The upgrade must come from this site
 * (Origin equals Host), carry the learner cookie and a fresh single-use token for a sandbox the learner owns.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { NodeWebSocket } from '@hono/node-ws';
import type { WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { SandboxEngine } from '../../../sandbox/sandbox-engine.ts';
import { createLabShell } from '../../shell/index.ts';
import type { ExerciseService } from '../../exercises/exercise-service.ts';
import { exerciseShellOptions } from '../../exercises/lab-commands/index.ts';
import type { AppEnv } from '../app.ts';
import { readLearnerId } from '../identity.ts';
import { ownedSandbox } from '../routes/sandboxes.ts';
import { MAX_FRAME_BYTES } from './frames.ts';
import { SessionRegistry, type CreateShell } from './session-registry.ts';
import type { ShellSession } from './shell-session.ts';
import { CLOSE, terminalSocketEvents, type SocketPlan } from './terminal-socket.ts';
import { createTerminalTokens } from './terminal-token.ts';

export interface TerminalLimits {
  maxSessionsPerLearner: number;
  /** How long a shell waits for its socket to come back. */
  graceMs: number;
  heartbeatMs: number;
  linesPerSecond: number;
  lineBurst: number;
  queuedLines: number;
  framesPerSecond: number;
  backlogBytes: number;
  sweepEveryMs: number;
}

export const defaultTerminalLimits: TerminalLimits = {
  maxSessionsPerLearner: 4,
  graceMs: 120_000,
  heartbeatMs: 20_000,
  linesPerSecond: 10,
  lineBurst: 20,
  queuedLines: 50,
  framesPerSecond: 30,
  backlogBytes: 256 * 1024,
  sweepEveryMs: 5_000,
};

export interface TerminalGatewayDeps {
  engine: SandboxEngine;
  secret: string;
  ws: Pick<NodeWebSocket, 'upgradeWebSocket' | 'wss'>;
  /** Defaults to the real lab shell; unit tests pass a fake. */
  createShell?: CreateShell;
  limits?: Partial<TerminalLimits>;
  /** Adds `lab check|hint|solution|exercise|...` and the exercise-aware `lab reset` to every shell. */
  exercises?: ExerciseService;
}

const upgradeQuerySchema = z.object({
  sandbox: z.string().min(1).max(64),
  token: z.string().min(1).max(512),
  session: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional()
    .describe('Client-chosen id that lets a reconnecting socket resume the same shell'),
});

/** Rejects cross-site upgrades: a browser always sends Origin on a WebSocket handshake, and it must be this site. */
const sameOriginOnly: MiddlewareHandler<AppEnv> = async function sameOriginOnly(c, next) {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  let originHost: string | undefined;
  try {
    originHost = origin ? new URL(origin).host : undefined;
  } catch {
    originHost = undefined;
  }
  if (!host || !originHost || originHost !== host) {
    return c.json(
      { error: `Cross-site terminal connection refused: Origin "${origin ?? '(none)'}" does not match this site (${host ?? 'no Host'}). Open the terminal from the cachelab page itself.` },
      403,
    );
  }
  await next();
};

export function createTerminalGateway(deps: TerminalGatewayDeps) {
  const limits = { ...defaultTerminalLimits, ...deps.limits };
  const tokens = createTerminalTokens(deps.secret);
  const registry = new SessionRegistry({
    ...limits,
    createShell:
      deps.createShell ??
      ((sandbox, hooks) =>
        createLabShell({
          sandbox,
          engine: deps.engine,
          onSandboxChange: hooks.onSandboxChange,
          ...(deps.exercises ? exerciseShellOptions(deps.exercises, sandbox.ownerId) : {}),
        })),
    sandboxExists: (id) => deps.engine.get(id) !== undefined,
  });
  const current = new WeakMap<ShellSession, WSContext<WebSocket>>();
  // ws defaults to 100 MiB messages; a terminal line never needs more than MAX_FRAME_BYTES. ws reads this
  // option at each upgrade, so setting it here bounds every terminal socket (bigger frames close with 1009).
  deps.ws.wss.options.maxPayload = MAX_FRAME_BYTES;

  async function plan(c: Parameters<MiddlewareHandler<AppEnv>>[0]): Promise<SocketPlan> {
    const learnerId = await readLearnerId(c, deps.secret);
    if (!learnerId) {
      return { kind: 'reject', code: CLOSE.unauthorized, reason: 'No learner cookie: reload the page to get one, then reconnect.' };
    }
    const query = upgradeQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      return { kind: 'reject', code: CLOSE.unauthorized, reason: 'Missing sandbox or token: use /api/terminal?sandbox=<id>&token=<token>.' };
    }
    const sandbox = deps.engine.get(registry.currentSandboxId(query.data.sandbox));
    if (!sandbox) return { kind: 'reject', code: CLOSE.notFound, reason: `Sandbox ${query.data.sandbox} does not exist (any more); create a new one.` };
    if (sandbox.ownerId !== learnerId) return { kind: 'reject', code: CLOSE.forbidden, reason: 'This sandbox belongs to someone else.' };
    const check = tokens.redeem(query.data.token, learnerId, sandbox.id);
    // (A token issued for a sandbox id that `lab reset` has since replaced is bound to the replacement.)
    if (!check.ok) return { kind: 'reject', code: CLOSE.unauthorized, reason: check.reason };
    sandbox.touch();
    const session = registry.open(learnerId, query.data.sandbox, sandbox, query.data.session ?? crypto.randomUUID());
    // The socket handler reports a failure; this keeps it from also surfacing as an unhandled rejection.
    session.catch(() => undefined);
    return { kind: 'attach', session };
  }

  const routes = new Hono<AppEnv>()
    .post('/sandboxes/:id/terminal-token', (c) => {
      const sandbox = ownedSandbox(deps, registry.currentSandboxId(c.req.param('id')), c.var.learnerId);
      // sandboxId tells a page that still knows a sandbox `lab reset` replaced which one its terminal now uses.
      return c.json({ ...tokens.issue(c.var.learnerId, sandbox.id), sandboxId: sandbox.id }, 201);
    })
    .get(
      '/terminal',
      sameOriginOnly,
      deps.ws.upgradeWebSocket(async (c) =>
        terminalSocketEvents(await plan(c), { heartbeatMs: limits.heartbeatMs, framesPerSecond: limits.framesPerSecond, current }),
      ),
    );

  return { routes, registry, dispose: () => registry.dispose() };
}
