/**
 * @module Runs exercises against learners' sandboxes: start (reusing or replacing an idle sandbox so the learner
 * is never stranded at the cap), setup, check (recorded only from the server's own result), hints, solution.
 */
import { sandboxSpecSchema, type SandboxSpec } from '../../sandbox/model.ts';
import type { Sandbox, SandboxEngine } from '../../sandbox/sandbox-engine.ts';
import { CapacityError, NotFoundError } from '../server/errors.ts';
import type { Condition, ExerciseContext, ExerciseDefinition, ExerciseListener } from './exercise-definition.ts';
import { withExerciseContext } from './exercise-context.ts';
import type { ExerciseProgress, ExerciseStatus } from './exercise-progress.ts';
import type { ExerciseRegistry } from './exercise-registry.ts';
import { forgetSandboxParameters, restoreParameterDefaults } from './node-parameters.ts';

const CHECK_TIMEOUT_MS = 30_000;

export interface StartResult {
  sandbox: Sandbox;
  /** What happened to the learner's other sandboxes, for the terminal ("Reused your idle cluster ..."). */
  notice?: string;
}

export interface CheckResult {
  exerciseId: string;
  passed: boolean;
  checks: Condition[];
}

/** Compared after defaults are applied: the engine stores `{topology: 'replication', replicas: 2}` for `{topology: 'replication'}`. */
function sameSpec(a: SandboxSpec, b: SandboxSpec): boolean {
  return JSON.stringify(sandboxSpecSchema.parse(a)) === JSON.stringify(sandboxSpecSchema.parse(b));
}

export class ExerciseService {
  /** Which exercise a sandbox is running, so `lab check` in its terminal knows what to grade. */
  private readonly exerciseOfSandbox = new Map<string, string>();
  /** Listeners (e.g. a platform subscriber) of the exercise running in each sandbox, from setup to the next one. */
  private readonly listeners = new Map<string, ExerciseListener>();

  constructor(
    private readonly engine: SandboxEngine,
    private readonly registry: ExerciseRegistry,
    private readonly progress: ExerciseProgress,
  ) {}

  exercise(id: string): ExerciseDefinition {
    const exercise = this.registry.get(id);
    if (!exercise) throw new NotFoundError(`No exercise "${id}". GET /api/exercises lists them.`);
    return exercise;
  }

  list(): ExerciseDefinition[] {
    return this.registry.list();
  }

  async statusOf(learnerId: string): Promise<Map<string, ExerciseStatus>> {
    return new Map((await this.progress.exerciseStatus(learnerId)).map((status) => [status.exerciseId, status]));
  }

  exerciseForSandbox(sandboxId: string): ExerciseDefinition | undefined {
    const id = this.exerciseOfSandbox.get(sandboxId);
    return id ? this.registry.get(id) : undefined;
  }

  /** A sandbox made from another (`lab restore`) continues that sandbox's exercise, so `lab check` there grades it. */
  adoptSandbox(fromId: string, toId: string): void {
    const id = this.exerciseOfSandbox.get(fromId);
    if (id) this.exerciseOfSandbox.set(toId, id);
  }

  async start(exerciseId: string, learnerId: string): Promise<StartResult> {
    const exercise = this.exercise(exerciseId);
    const { sandbox, notice } = await this.sandboxFor(exercise.spec, learnerId);
    await this.stopListener(sandbox.id);
    await restoreParameterDefaults(sandbox);
    await this.withContext(sandbox, (ctx) => exercise.setup(ctx));
    await this.startListener(exercise, sandbox);
    this.exerciseOfSandbox.set(sandbox.id, exercise.id);
    await this.progress.recordExerciseStart(learnerId, exercise.id);
    return { sandbox, notice };
  }

  /** Re-applies the starting state on the same sandbox (`lab reset` inside an exercise). */
  async reset(exerciseId: string, sandbox: Sandbox): Promise<void> {
    const exercise = this.exercise(exerciseId);
    await this.stopListener(sandbox.id);
    await restoreParameterDefaults(sandbox);
    await this.withContext(sandbox, async (ctx) => {
      for (const node of sandbox.describe().nodes.filter((n) => n.role === 'primary' && n.status === 'available')) {
        await ctx.admin(node.name).flushall();
      }
      await exercise.setup(ctx);
    });
    await this.startListener(exercise, sandbox);
    this.exerciseOfSandbox.set(sandbox.id, exercise.id);
  }

  async check(exerciseId: string, learnerId: string, sandbox?: Sandbox): Promise<CheckResult> {
    const exercise = this.exercise(exerciseId);
    const target = sandbox ?? this.sandboxRunning(exercise.id, learnerId);
    let checks: Condition[];
    try {
      // A listener belongs to the exercise it was started for; another exercise's recordings mean nothing here.
      const listener = this.exerciseOfSandbox.get(target.id) === exercise.id ? this.listeners.get(target.id) : undefined;
      checks = await this.withContext(target, (ctx) => exercise.check(ctx), listener);
    } catch (error) {
      checks = [{ name: 'sandbox reachable', passed: false, message: `The check could not read your sandbox: ${(error as Error).message}` }];
    }
    const passed = checks.length > 0 && checks.every((c) => c.passed);
    await this.progress.recordExerciseCheck(learnerId, exercise.id, passed, checks);
    return { exerciseId: exercise.id, passed, checks };
  }

  async hint(exerciseId: string, learnerId: string): Promise<{ hint: string; index: number; total: number }> {
    const exercise = this.exercise(exerciseId);
    // Once every hint is out, asking again repeats the last one without counting another hint.
    const already = (await this.statusOf(learnerId)).get(exercise.id)?.hintsUsed ?? 0;
    const seen = already >= exercise.hints.length ? already : await this.progress.recordHint(learnerId, exercise.id);
    const index = Math.min(seen, exercise.hints.length) - 1;
    return { hint: exercise.hints[index]!, index: index + 1, total: exercise.hints.length };
  }

  /** What the learner already unlocked (hints seen, the solution once viewed), so a reloaded page can show it again. */
  async revealed(exerciseId: string, learnerId: string): Promise<{ hints: string[]; solution: string | null }> {
    const exercise = this.exercise(exerciseId);
    const status = (await this.statusOf(learnerId)).get(exercise.id);
    return {
      hints: exercise.hints.slice(0, status?.hintsUsed ?? 0),
      solution: status?.solutionViewed ? exercise.solution : null,
    };
  }

  async solution(exerciseId: string, learnerId: string): Promise<{ solution: string }> {
    const exercise = this.exercise(exerciseId);
    await this.progress.recordSolutionViewed(learnerId, exercise.id);
    return { solution: exercise.solution };
  }

  private sandboxRunning(exerciseId: string, learnerId: string): Sandbox {
    const sandbox = this.engine
      .list(learnerId)
      .find((s) => this.exerciseOfSandbox.get(s.id) === exerciseId);
    if (!sandbox) {
      throw new NotFoundError(`Exercise "${exerciseId}" is not running. Start it first (POST /api/exercises/${exerciseId}/start).`);
    }
    return sandbox;
  }

  /** Reuses a sandbox of the right shape, or frees the least recently created one when the learner is at the cap. */
  private async sandboxFor(spec: SandboxSpec, learnerId: string): Promise<StartResult> {
    const mine = this.engine.list(learnerId);
    const reusable = mine.find((s) => sameSpec(s.spec, spec) && s.describe().status === 'available');
    if (reusable) {
      const previous = this.exerciseOfSandbox.get(reusable.id);
      for (const node of reusable.describe().nodes.filter((n) => n.role === 'primary' && n.status === 'available')) {
        const admin = reusable.adminClient(node.name);
        try {
          await admin.flushall();
        } finally {
          admin.disconnect();
        }
      }
      return {
        sandbox: reusable,
        notice: `Reused your ${spec.topology} sandbox ${reusable.id}${previous ? ` (it was running "${previous}")` : ''} and cleared its data.`,
      };
    }
    try {
      return { sandbox: await this.engine.create(spec, learnerId) };
    } catch (error) {
      if (!(error instanceof CapacityError) || error.status !== 429 || mine.length === 0) throw error;
      const oldest = [...mine].sort((a, b) => a.describe().createdAt.localeCompare(b.describe().createdAt))[0]!;
      await this.stopListener(oldest.id);
      await this.engine.delete(oldest.id);
      this.exerciseOfSandbox.delete(oldest.id);
      forgetSandboxParameters(oldest.id);
      return {
        sandbox: await this.engine.create(spec, learnerId),
        notice: `You were at your sandbox limit, so your oldest sandbox (${oldest.id}, ${oldest.spec.topology}) was deleted to make room.`,
      };
    }
  }

  private async startListener(exercise: ExerciseDefinition, sandbox: Sandbox): Promise<void> {
    if (exercise.listen) this.listeners.set(sandbox.id, await exercise.listen(sandbox));
  }

  private async stopListener(sandboxId: string): Promise<void> {
    const listener = this.listeners.get(sandboxId);
    this.listeners.delete(sandboxId);
    await listener?.dispose();
  }

  /** Stops every listener (server shutdown). */
  async dispose(): Promise<void> {
    await Promise.all([...this.listeners.keys()].map((id) => this.stopListener(id)));
  }

  private withContext<T>(sandbox: Sandbox, run: (ctx: ExerciseContext) => Promise<T>, listener?: ExerciseListener): Promise<T> {
    return withExerciseContext(sandbox, run, { engine: this.engine, listener, timeoutMs: CHECK_TIMEOUT_MS });
  }
}
