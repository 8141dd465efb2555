/**
 * @module Every live shell session, keyed by (learner, sandbox, client session id). A session whose socket
 * dropped waits `graceMs` for the learner to come back, then its shell is disposed; so are sessions of
 * sandboxes that no longer exist. Each learner may hold a bounded number of sessions.
 */
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import type { LabShell } from '../../shell/lab-shell.ts';
import { CapacityError } from '../errors.ts';
import { ShellSession, type ShellSessionLimits } from './shell-session.ts';

export interface ShellHooks {
  /** `lab reset` replaced the sandbox: the session (and reconnects naming the old id) follow the new one. */
  onSandboxChange(sandbox: Sandbox): void;
}

export type CreateShell = (sandbox: Sandbox, hooks: ShellHooks) => Promise<LabShell> | LabShell;

export interface SessionRegistryOptions extends ShellSessionLimits {
  createShell: CreateShell;
  /** Whether a sandbox still exists (sessions of deleted sandboxes are closed). */
  sandboxExists: (sandboxId: string) => boolean;
  maxSessionsPerLearner: number;
  graceMs: number;
  sweepEveryMs: number;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Promise<ShellSession>>();
  private readonly settled = new Map<string, ShellSession>();
  private readonly sweeper: NodeJS.Timeout;
  /** Sandbox ids `lab reset` replaced, old -> new, so a reconnecting page that knows only the old id still finds its shell. */
  private readonly moved = new Map<string, string>();

  constructor(private readonly options: SessionRegistryOptions) {
    this.sweeper = setInterval(() => void this.sweep(), options.sweepEveryMs);
    // The sweeper must never keep a test process or a shutting-down server alive.
    this.sweeper.unref();
  }

  /** The existing session for this key, or a new one (evicting the learner's oldest detached session at the cap). */
  async open(learnerId: string, requestedSandboxId: string, sandbox: Sandbox, clientSessionId: string): Promise<ShellSession> {
    const key = `${learnerId}/${requestedSandboxId}/${clientSessionId}`;
    const existing = this.sessions.get(key);
    if (existing) return existing;
    const mine = [...this.settled.values()].filter((s) => s.learnerId === learnerId);
    const pending = [...this.sessions.keys()].filter((k) => k.startsWith(`${learnerId}/`) && !this.settled.has(k)).length;
    if (mine.length + pending >= this.options.maxSessionsPerLearner) {
      const oldestDetached = mine
        .filter((s) => !s.attached)
        .sort((a, b) => (a.detachedAt ?? 0) - (b.detachedAt ?? 0))[0];
      if (!oldestDetached) {
        throw new CapacityError(
          429,
          `You already have ${this.options.maxSessionsPerLearner} terminals open. Close one (or its browser tab) and reconnect.`,
        );
      }
      await this.close(oldestDetached.key);
    }
    const created = (async () => {
      let session: ShellSession | undefined;
      const shell = await this.options.createShell(sandbox, {
        onSandboxChange: (replacement) => {
          if (!session) return;
          this.moved.set(session.sandboxId, replacement.id);
          session.sandboxId = replacement.id;
        },
      });
      session = new ShellSession(key, learnerId, sandbox.id, shell, this.options);
      this.settled.set(key, session);
      return session;
    })();
    this.sessions.set(key, created);
    created.catch(() => this.sessions.delete(key));
    return created;
  }

  /** Follows `lab reset` replacements from the id a page knows to the sandbox that exists now. */
  currentSandboxId(id: string): string {
    let current = id;
    for (let hops = 0; hops < 20 && this.moved.has(current); hops += 1) current = this.moved.get(current)!;
    return current;
  }

  get size(): number {
    return this.settled.size;
  }

  /** Live sessions (for tests and diagnostics). */
  list(): readonly ShellSession[] {
    return [...this.settled.values()];
  }

  /** Disposes sessions that outlived their grace period or their sandbox. */
  async sweep(now: number = Date.now()): Promise<void> {
    const sessions = [...this.settled.values()];
    const gone = sessions.filter((s) => !this.options.sandboxExists(s.sandboxId));
    const expired = sessions.filter(
      (s) => !gone.includes(s) && s.detachedAt !== undefined && now - s.detachedAt >= this.options.graceMs,
    );
    await Promise.all([
      ...gone.map((s) => this.close(s.key, 4404, 'Your sandbox was deleted (idle too long, or from another tab). Create a new one.')),
      ...expired.map((s) => this.close(s.key)),
    ]);
  }

  async close(key: string, code?: number, reason?: string): Promise<void> {
    const session = this.settled.get(key);
    this.settled.delete(key);
    this.sessions.delete(key);
    await session?.dispose(code, reason).catch((error: unknown) => console.error('[cachelab] disposing a shell session failed', error));
  }

  async dispose(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.settled.keys()].map((key) => this.close(key, 1001, 'The server is restarting; reconnect in a moment.')));
  }
}
