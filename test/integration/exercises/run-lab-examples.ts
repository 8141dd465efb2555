/**
 * @module Harness for exercises that go beyond one node and one connection (replication, failover, snapshots, cluster):
 * a real engine, the real ExerciseService (setup, listeners, check) and a real lab shell with the exercises' extra lab
 * commands. Example lines are typed as a learner would, with a few conventions for what a learner reads off the screen:
 *
 * - lines are typed as they are: the shell runs Redis commands at `$` and expands `$PRIMARY`, `$REDIS_USER`, ...;
 * - `{{primary}}`, `{{replica:N}}` (Nth replica of shard 0001 by name) and `{{node:0004-001}}` name nodes as `lab status` shows them;
 * - `{{re:<regex>}}` is the first group of the last match of <regex> in the output so far (a value the learner copies);
 * - `#wait-event <regex>` waits until an event of this run matches (the learner re-running `lab events`);
 * - `#repeat-until /<regex>/ <line>` re-runs a line until its output matches (the learner re-running INFO replication).
 */
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { ExerciseDefinition } from '../../../src/exercises/exercise-definition.ts';
import type { ExerciseRegistry } from '../../../src/exercises/exercise-registry.ts';
import { ExerciseService } from '../../../src/exercises/exercise-service.ts';
import { createAddShardLabCommand } from '../../../src/exercises/lab-commands/lab-add-shard-command.ts';
import { createRestoreLabCommand } from '../../../src/exercises/lab-commands/lab-restore-command.ts';
import { createParamLabCommand } from '../../../src/exercises/lab-param-command.ts';
import { createUserLabCommand } from '../../../src/exercises/lab-user-command.ts';
import { createLabShell, type SandboxLabShell, type ShellOutput } from '../../../src/shell/index.ts';
import { withExerciseContext } from '../../../src/exercises/exercise-context.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';
import { MemoryProgress } from './memory-progress.ts';
import { type ExampleRun, loadExercise } from './run-examples.ts';

const LEARNER = 'learner-lab-exercise-test';
const WAIT_MS = 45_000;

export interface LabExerciseHarness {
  exercise: ExerciseDefinition;
  readonly sandbox: Sandbox;
  /** Starts the exercise as POST /api/exercises/:id/start does (reusing the sandbox when its shape still fits). */
  start(): Promise<Sandbox>;
  setupAgain(): Promise<void>;
  /** Every key on every shard primary: type and value, sorted. */
  state(): Promise<string>;
  run(lines: readonly string[]): Promise<ExampleRun>;
  dispose(): Promise<void>;
}

function substitute(line: string, sandbox: Sandbox, transcript: string): string {
  const d = sandbox.describe();
  const withPlaceholders = line.replace(/\{\{(.+?)\}\}(?!\})/g, (whole, spec: string) => {
    if (spec === 'primary') return d.nodeGroups[0]?.primary ?? whole;
    const replica = /^replica:(\d+)$/.exec(spec);
    if (replica) {
      const names = d.nodes.filter((n) => n.shard === '0001' && n.role === 'replica').map((n) => n.name).sort();
      return names[Number(replica[1]) - 1] ?? whole;
    }
    const node = /^node:(\d{4}-\d{3})$/.exec(spec);
    if (node) return `${d.replicationGroupId}-${node[1]}`;
    if (spec.startsWith('re:')) {
      const matches = [...transcript.matchAll(new RegExp(spec.slice(3), 'g'))];
      const value = matches.at(-1)?.[1];
      if (value === undefined) throw new Error(`Example line "${line}": nothing in the output so far matches /${spec.slice(3)}/`);
      return value;
    }
    throw new Error(`Unknown placeholder {{${spec}}} in example line "${line}"`);
  });
  return withPlaceholders;
}

async function poll(what: string, condition: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Example timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export async function startLabExerciseHarness(id: string): Promise<LabExerciseHarness> {
  const exercise = await loadExercise(id);
  const fixture = await startTestEngine();
  const { engine } = fixture;
  const registry = { get: (wanted: string) => (wanted === exercise.id ? exercise : undefined), list: () => [exercise] };
  const progress = new MemoryProgress();
  const service = new ExerciseService(engine, registry as unknown as ExerciseRegistry, progress);
  let current: Sandbox | undefined;

  const sandboxOrFail = () => {
    if (!current) throw new Error('Call start() first.');
    return current;
  };

  return {
    exercise,
    get sandbox() {
      return sandboxOrFail();
    },
    async start() {
      const { sandbox } = await service.start(exercise.id, LEARNER);
      // Restored groups and resharded clusters of earlier examples are not needed any more.
      for (const other of engine.list(LEARNER)) if (other.id !== sandbox.id) await engine.delete(other.id);
      current = sandbox;
      return sandbox;
    },
    async setupAgain() {
      const sandbox = sandboxOrFail();
      await withExerciseContext(sandbox, (ctx) => exercise.setup(ctx), { engine });
    },
    async state() {
      const sandbox = sandboxOrFail();
      const lines: string[] = [];
      for (const group of sandbox.describe().nodeGroups) {
        const admin = sandbox.adminClient(group.primary!);
        try {
          for (const key of ((await admin.keys('*')) as string[]).sort()) {
            const type = await admin.type(key);
            const value = type === 'string' ? await admin.get(key) : type === 'hash' ? Object.entries(await admin.hgetall(key)).sort() : type;
            lines.push(`${group.id} ${key} ${type} ${JSON.stringify(value)}`);
          }
        } finally {
          admin.disconnect();
        }
      }
      return lines.sort().join('\n');
    },
    async run(lines) {
      const startedAt = Date.now();
      const shell: SandboxLabShell = createLabShell({
        sandbox: sandboxOrFail(),
        engine,
        limits: { linesPerSecond: 1000, burst: 1000 },
        extraLabCommands: {
          param: createParamLabCommand(),
          user: createUserLabCommand(),
          restore: createRestoreLabCommand({ onRestored: (from, restored) => service.adoptSandbox(from.id, restored.id) }),
          'add-shard': createAddShardLabCommand(),
        },
      });
      let transcript = '';
      const out: ShellOutput = {
        output: (data) => (transcript += data.replace(/\r\n/g, '\n')),
        error: (message) => (transcript += `ERROR: ${message}\n`),
      };
      const type = async (line: string) => {
        transcript += `${shell.prompt}${line}\n`;
        await shell.run(line, out);
      };
      // At the `$` prompt every line (Redis command, redis-cli, lab) runs as typed; inside a redis-cli session too.
      const typeLine = type;
      try {
        for (const raw of lines) {
          const wait = /^#wait-event (.+)$/.exec(raw);
          const repeat = /^#repeat-until \/(.+)\/ (.+)$/.exec(raw);
          if (wait) {
            const pattern = new RegExp(wait[1]!);
            transcript += `# waiting for an event matching /${wait[1]}/\n`;
            await poll(`an event matching ${pattern}`, () =>
              shell.sandbox.events().some((e) => Date.parse(e.time) >= startedAt && pattern.test(e.message)),
            );
          } else if (repeat) {
            const pattern = new RegExp(repeat[1]!);
            await poll(`"${repeat[2]}" to print ${pattern}`, async () => {
              const before = transcript.length;
              await typeLine(substitute(repeat[2]!, shell.sandbox, transcript));
              return pattern.test(transcript.slice(before));
            });
          } else {
            await typeLine(substitute(raw, shell.sandbox, transcript));
          }
        }
      } finally {
        await shell.dispose();
      }
      // As `lab check` in this terminal: the sandbox it talks to now (a restored group after `lab restore`).
      const result = await service.check(exercise.id, LEARNER, shell.sandbox);
      return { result, transcript };
    },
    async dispose() {
      await service.dispose();
      await fixture.dispose();
    },
  };
}
