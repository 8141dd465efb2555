/**
 * @module Shared harness of the exercise tests: a real engine, the real ExerciseService and a real lab shell. For each
 * example of an exercise it resets the sandbox (flush + setup), types the lines as the learner, runs the check and
 * reports the verdict with the transcript, so a failing test shows what the learner would have seen.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Redis } from 'ioredis';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { ExerciseDefinition } from '../../../src/exercises/exercise-definition.ts';
import { type ExerciseRegistry, LESSONS_DIR } from '../../../src/exercises/exercise-registry.ts';
import { type CheckResult, ExerciseService } from '../../../src/exercises/exercise-service.ts';
import { createParamLabCommand } from '../../../src/exercises/lab-param-command.ts';
import { createUserLabCommand } from '../../../src/exercises/lab-user-command.ts';
import { createLabShell, type SandboxLabShell, type ShellOutput } from '../../../src/shell/index.ts';
import { withExerciseContext } from '../../../src/exercises/exercise-context.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';
import { MemoryProgress } from './memory-progress.ts';

const LEARNER = 'learner-exercise-test';

/** Loads one exercise definition by id from content/lessons/<part>/<lesson>/_exercises/<id>.ts. */
export async function loadExercise(id: string): Promise<ExerciseDefinition> {
  const file = readdirSync(LESSONS_DIR, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith(join('_exercises', `${id}.ts`)));
  if (!file) throw new Error(`No exercise file for "${id}" under ${LESSONS_DIR}`);
  const module = (await import(pathToFileURL(join(LESSONS_DIR, file)).href)) as { default: ExerciseDefinition };
  return module.default;
}

export interface ExampleRun {
  result: CheckResult;
  transcript: string;
}

export interface ExerciseHarness {
  exercise: ExerciseDefinition;
  sandbox: Sandbox;
  service: ExerciseService;
  progress: MemoryProgress;
  /** Flushes and re-applies the exercise's starting state (what `lab reset` in an exercise does). */
  reset(): Promise<void>;
  /** Runs the exercise's setup once more on top of the current state, without flushing. */
  setupAgain(): Promise<void>;
  /** A comparable picture of every key: type, value, whether it has a TTL, stream groups. */
  state(): Promise<string>;
  /**
   * Types `lines` as the learner in a fresh lab shell, then runs the server's check. At the `$` prompt (the default,
   * as in the lessons' TryIt blocks) or inside an interactive `redis-cli` session opened first.
   */
  run(lines: readonly string[], where?: 'prompt' | 'redis-cli'): Promise<ExampleRun>;
  dispose(): Promise<void>;
}

/** Replaces $PRIMARY, $READER, $CONFIG, $REDIS_USER, $REDIS_PASS like the lab shell's variable expansion. */
function expand(line: string, sandbox: Sandbox): string {
  const d = sandbox.describe();
  const values: Record<string, string | undefined> = {
    PRIMARY: d.endpoints.primary?.name,
    READER: d.endpoints.reader?.name,
    CONFIG: d.endpoints.configuration?.name,
    REDIS_USER: sandbox.credentials.username,
    REDIS_PASS: sandbox.credentials.password,
  };
  return line.replace(/\$([A-Z_]+)/g, (whole, name: string) => values[name] ?? whole);
}

export async function startExerciseHarness(id: string): Promise<ExerciseHarness> {
  const exercise = await loadExercise(id);
  const fixture = await startTestEngine();
  const registry = { get: (wanted: string) => (wanted === exercise.id ? exercise : undefined), list: () => [exercise] };
  const progress = new MemoryProgress();
  const service = new ExerciseService(fixture.engine, registry as unknown as ExerciseRegistry, progress);
  const { sandbox } = await service.start(exercise.id, LEARNER);

  async function withAdmin<T>(run: (admin: Redis) => Promise<T>): Promise<T> {
    const admin = sandbox.adminClient('primary');
    try {
      return await run(admin);
    } finally {
      admin.disconnect();
    }
  }

  return {
    exercise,
    sandbox,
    service,
    progress,
    reset: () => service.reset(exercise.id, sandbox),
    async setupAgain() {
      await withExerciseContext(sandbox, (ctx) => exercise.setup(ctx));
    },
    state: () =>
      withAdmin(async (admin) => {
        const keys = ((await admin.keys('*')) as string[]).sort();
        const lines: string[] = [];
        for (const key of keys) {
          const type = await admin.type(key);
          const ttl = (await admin.ttl(key)) >= 0 ? 'ttl' : 'no-ttl';
          let value: unknown;
          if (type === 'string') value = await admin.get(key);
          else if (type === 'hash') value = Object.entries(await admin.hgetall(key)).sort();
          else if (type === 'list') value = await admin.lrange(key, 0, -1);
          else if (type === 'set') value = (await admin.smembers(key)).sort();
          else if (type === 'zset') value = await admin.zrange(key, 0, '-1', 'WITHSCORES');
          else if (type === 'stream') value = [await admin.xrange(key, '-', '+'), await admin.call('XINFO', 'GROUPS', key)];
          lines.push(`${key} ${type} ${ttl} ${JSON.stringify(value)}`);
        }
        return lines.join('\n');
      }),
    async run(lines, where = 'prompt') {
      const shell: SandboxLabShell = createLabShell({
        sandbox,
        engine: fixture.engine,
        limits: { linesPerSecond: 1000, burst: 1000 },
        extraLabCommands: { param: createParamLabCommand(), user: createUserLabCommand() },
      });
      let transcript = '';
      const out: ShellOutput = {
        output: (data) => (transcript += data.replace(/\r\n/g, '\n')),
        error: (message) => (transcript += `ERROR: ${message}\n`),
      };
      const typeLine = async (line: string) => {
        transcript += `${shell.prompt}${line}\n`;
        await shell.run(line, out);
      };
      const openCli = `redis-cli -h ${sandbox.describe().endpoints.primary!.name} --user ${sandbox.credentials.username} --pass ${sandbox.credentials.password} --no-auth-warning`;
      try {
        if (where === 'redis-cli') await typeLine(openCli);
        for (const raw of lines) {
          // At $ the shell expands the variables itself; inside redis-cli they are typed out, as a learner would.
          const line = where === 'redis-cli' ? expand(raw, sandbox) : raw;
          const atDollar = /^(redis-benchmark|redis-cli)(\s|$)/.test(line);
          if (atDollar && shell.prompt !== '$ ') await typeLine('exit');
          await typeLine(line);
          if (where === 'redis-cli' && atDollar && line.startsWith('redis-benchmark')) await typeLine(openCli);
        }
      } finally {
        await shell.dispose();
      }
      const result = await service.check(exercise.id, LEARNER, sandbox);
      return { result, transcript };
    },
    async dispose() {
      await service.dispose();
      await fixture.dispose();
    },
  };
}

/** The verdict as text for assertion messages. */
export function describeRun(run: ExampleRun): string {
  const checks = run.result.checks.map((c) => `  ${c.passed ? 'PASS' : 'FAIL'} ${c.name}: ${c.message}`).join('\n');
  return `verdict: ${run.result.passed ? 'passed' : 'failed'}\n${checks}\n--- transcript ---\n${run.transcript.slice(-6000)}`;
}
