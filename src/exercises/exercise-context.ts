/**
 * @module Builds the ExerciseContext a setup or check runs with, and closes every client it handed out afterwards.
 * One place for the service and the test harnesses, so they can never disagree on how a context is made.
 */
import type { Redis } from 'ioredis';
import type { Sandbox, SandboxEngine } from '../../sandbox/sandbox-engine.ts';
import type { ExerciseContext, ExerciseListener } from './exercise-definition.ts';

export interface ExerciseContextOptions {
  engine?: SandboxEngine;
  listener?: ExerciseListener;
  /** Aborts ctx.signal after this long; without it the signal never aborts. */
  timeoutMs?: number;
}

export async function withExerciseContext<T>(
  sandbox: Sandbox,
  run: (ctx: ExerciseContext) => Promise<T>,
  options: ExerciseContextOptions = {},
): Promise<T> {
  const clients: Redis[] = [];
  const controller = new AbortController();
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(), options.timeoutMs);
  const ctx: ExerciseContext = {
    sandbox,
    signal: controller.signal,
    engine: options.engine,
    listener: options.listener,
    admin(node = 'primary') {
      const client = sandbox.adminClient(node);
      clients.push(client);
      return client;
    },
    learner(node = 'primary') {
      const admin = sandbox.adminClient(node);
      const { username, password } = sandbox.credentials;
      const client = admin.duplicate({ username, password });
      admin.disconnect();
      clients.push(client);
      return client;
    },
  };
  try {
    return await run(ctx);
  } finally {
    if (timer) clearTimeout(timer);
    for (const client of clients) client.disconnect();
  }
}
