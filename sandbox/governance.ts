/**
 * @module Admission control: live sandboxes per learner (429), sandboxes on the machine and the memory budget
 * (503). Memory counts what the processes really use (RSS from the last metrics sample), at least an idle
 * process' footprint each.
 */
import { CapacityError } from '../src/server/errors.ts';
import type { EngineOptions } from './engine-options.ts';
import type { SandboxSpec } from './model.ts';
import { shapeOf } from './topologies/layout.ts';

/** Resident memory of an idle redis-server 7.0 here (measured by the sandbox benchmark), rounded up. */
export const IDLE_PROCESS_MB = 12;

export function processCount(spec: SandboxSpec): number {
  const { shards, replicas } = shapeOf(spec);
  const sentinels = spec.topology === 'replication' && replicas > 0 ? 3 : 0;
  return shards * (replicas + 1) + sentinels;
}

export interface Occupant {
  ownerId: string;
  spec: SandboxSpec;
  /** Measured RSS of its data nodes in bytes (0 before the first sample). */
  rssBytes(): number;
}

export function estimatedMb(occupant: Pick<Occupant, 'spec' | 'rssBytes'>): number {
  return Math.max(occupant.rssBytes() / 1024 / 1024, processCount(occupant.spec) * IDLE_PROCESS_MB);
}

/** Throws CapacityError when `spec` for `ownerId` would exceed a cap. `live` excludes the warm pool; `all` includes it. */
export function admit(options: EngineOptions, ownerId: string, spec: SandboxSpec, live: Occupant[], all: Occupant[]): void {
  const mine = live.filter((s) => s.ownerId === ownerId).length;
  if (mine >= options.sandboxesPerLearner) {
    throw new CapacityError(
      429,
      `You already have ${mine} live sandboxes, the most one learner may hold (${options.sandboxesPerLearner}). Delete one you no longer need (DELETE /api/sandboxes/:id), then try again.`,
    );
  }
  if (live.length >= options.maxSandboxes) {
    throw new CapacityError(
      503,
      `The platform is running its maximum of ${options.maxSandboxes} sandboxes. Try again in a few minutes, when idle sandboxes have been reclaimed.`,
    );
  }
  const usedMb = all.reduce((sum, s) => sum + estimatedMb(s), 0);
  const neededMb = processCount(spec) * IDLE_PROCESS_MB;
  if (usedMb + neededMb > options.memoryBudgetMb) {
    throw new CapacityError(
      503,
      `The platform's memory budget (${options.memoryBudgetMb} MB) is used up (${Math.round(usedMb)} MB in use, this sandbox needs about ${neededMb} MB). Try a smaller topology such as {"topology":"single"}, or try again in a few minutes.`,
    );
  }
}
