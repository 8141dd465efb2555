/**
 * @module The terminal's calls to the sandbox API: reuse this tab's sandbox of a topology when it still exists
 * (its id is kept in sessionStorage), otherwise create one; and free the cap by deleting the learner's others.
 */
import type { SandboxDescription, SandboxSpec, Topology } from '../../../sandbox/model.ts';
import { DEFAULT_SPECS } from './default-specs.ts';

export class SandboxApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxApiError';
  }
}

export interface ReadySandbox {
  sandbox: SandboxDescription;
  reused: boolean;
  /** Wall time the learner waited for the create call (0 when reused). */
  waitedMs: number;
}

const storageKey = (topology: Topology) => `cachelab-sandbox-${topology}`;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const message = (json as { error?: string } | undefined)?.error ?? `The server answered ${response.status}.`;
    throw new SandboxApiError(response.status, message);
  }
  return json as T;
}

function sameShape(a: SandboxSpec, b: SandboxSpec): boolean {
  return JSON.stringify({ ...DEFAULT_SPECS[a.topology], ...a }) === JSON.stringify({ ...DEFAULT_SPECS[b.topology], ...b });
}

function remembered(topology: Topology): { id: string; spec: SandboxSpec } | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(storageKey(topology)) ?? 'null') as { id?: string; spec?: SandboxSpec } | null;
    return value?.id && value.spec ? { id: value.id, spec: value.spec } : undefined;
  } catch {
    return undefined;
  }
}

function remember(spec: SandboxSpec, id: string | undefined): void {
  try {
    if (id) sessionStorage.setItem(storageKey(spec.topology), JSON.stringify({ id, spec }));
    else sessionStorage.removeItem(storageKey(spec.topology));
  } catch {
    // Without storage every page load creates a sandbox; the per-learner cap still applies.
  }
}

/** This tab's sandbox for `spec` if it still exists, else a new one (a differently shaped old one is deleted). */
export async function ensureSandbox(spec: SandboxSpec): Promise<ReadySandbox> {
  const known = remembered(spec.topology);
  if (known) {
    try {
      const sandbox = await call<SandboxDescription>('GET', `/api/sandboxes/${encodeURIComponent(known.id)}`);
      if (sameShape(known.spec, spec) && sandbox.status !== 'deleting' && sandbox.status !== 'deleted') {
        return { sandbox, reused: true, waitedMs: 0 };
      }
      await call('DELETE', `/api/sandboxes/${encodeURIComponent(known.id)}`).catch(() => undefined);
    } catch (error) {
      if (!(error instanceof SandboxApiError && error.status === 404)) throw error;
      const replacement = await replacedBy(known.id);
      if (replacement && sameShape(known.spec, spec)) {
        remember(spec, replacement.id);
        return { sandbox: replacement, reused: true, waitedMs: 0 };
      }
    }
    remember(spec, undefined);
  }
  const started = performance.now();
  const sandbox = await call<SandboxDescription>('POST', '/api/sandboxes', spec);
  remember(spec, sandbox.id);
  return { sandbox, reused: false, waitedMs: Math.round(performance.now() - started) };
}

/** The sandbox that `lab reset` put in place of `id`, if any (the terminal-token route follows replacements). */
async function replacedBy(id: string): Promise<SandboxDescription | undefined> {
  try {
    const { sandboxId } = await call<{ sandboxId?: string }>('POST', `/api/sandboxes/${encodeURIComponent(id)}/terminal-token`);
    if (!sandboxId || sandboxId === id) return undefined;
    return await call<SandboxDescription>('GET', `/api/sandboxes/${encodeURIComponent(sandboxId)}`);
  } catch {
    return undefined;
  }
}

/** Deletes the learner's sandboxes other than `keep` (the "delete my other sandbox" action at the cap). */
export async function deleteOtherSandboxes(keep?: string): Promise<number> {
  const mine = await call<SandboxDescription[]>('GET', '/api/sandboxes');
  const others = mine.filter((s) => s.id !== keep);
  await Promise.all(others.map((s) => call('DELETE', `/api/sandboxes/${encodeURIComponent(s.id)}`)));
  for (const topology of Object.keys(DEFAULT_SPECS) as Topology[]) {
    const known = remembered(topology);
    if (known && others.some((s) => s.id === known.id)) remember(known.spec, undefined);
  }
  return others.length;
}

/** Deletes one sandbox this tab created (the playground replacing its sandbox with another shape). */
export async function deleteSandbox(spec: SandboxSpec, id: string): Promise<void> {
  remember(spec, undefined);
  await call('DELETE', `/api/sandboxes/${encodeURIComponent(id)}`).catch((error: unknown) => {
    if (!(error instanceof SandboxApiError && error.status === 404)) throw error;
  });
}

/** The spec a sandbox was created with, read back from its description. */
export function specOf(sandbox: SandboxDescription): SandboxSpec {
  if (sandbox.topology === 'single') return { topology: 'single' };
  const shards = Math.max(1, sandbox.nodeGroups.length);
  const perShard = Math.max(0, sandbox.nodes.length / shards - 1);
  return sandbox.topology === 'replication'
    ? { topology: 'replication', replicas: perShard }
    : { topology: 'cluster', shards, replicasPerShard: perShard };
}

/**
 * An existing sandbox of the learner (an exercise's, started from its panel) that this tab uses from now on. It is
 * remembered for its topology only when it has the default shape, because ensureSandbox replaces a remembered
 * sandbox of another shape, and a reload must never delete an exercise's sandbox.
 */
export async function adoptSandbox(id: string): Promise<{ sandbox: SandboxDescription; spec: SandboxSpec }> {
  const sandbox = await call<SandboxDescription>('GET', `/api/sandboxes/${encodeURIComponent(id)}`);
  const spec = specOf(sandbox);
  if (sameShape(spec, DEFAULT_SPECS[spec.topology])) remember(spec, sandbox.id);
  return { sandbox, spec };
}

/** Records the sandbox that replaced this tab's one (after `lab reset`), so a reload finds it. */
export function rememberSandbox(spec: SandboxSpec, id: string): void {
  remember(spec, id);
}

export function forgetSandbox(spec: SandboxSpec): void {
  remember(spec, undefined);
}

export function describeShape(sandbox: SandboxDescription): string {
  if (sandbox.topology === 'single') return 'single node';
  const shards = sandbox.nodeGroups.length;
  const replicas = Math.max(0, (sandbox.nodes.length / Math.max(1, shards)) - 1);
  if (sandbox.topology === 'replication') return `1 primary + ${replicas} replica${replicas === 1 ? '' : 's'}`;
  return `${shards} shard${shards === 1 ? '' : 's'} x ${replicas} replica${replicas === 1 ? '' : 's'}`;
}
