/** @module `lab restore` and `lab add-shard` in a real lab shell: refusals that say what to do, the switch to the restored group, room at the cap. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { createAddShardLabCommand } from '../../../src/exercises/lab-commands/lab-add-shard-command.ts';
import { createRestoreLabCommand } from '../../../src/exercises/lab-commands/lab-restore-command.ts';
import { createLabShell, type SandboxLabShell } from '../../../src/shell/index.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';
import { runLine } from '../shell/shell-harness.ts';

const OWNER = 'learner-lab-commands';

describe('lab restore and lab add-shard', () => {
  let fixture: Awaited<ReturnType<typeof startTestEngine>>;
  let restoredPairs: Array<{ from: string; restored: string; snapshot: string }>;
  let changes: string[];

  beforeAll(async () => {
    fixture = await startTestEngine({ sandboxesPerLearner: 2 });
  }, 60_000);
  afterAll(async () => {
    await fixture?.dispose();
  }, 60_000);

  function shellFor(sandbox: Sandbox): SandboxLabShell {
    restoredPairs = [];
    changes = [];
    return createLabShell({
      sandbox,
      engine: fixture.engine,
      limits: { linesPerSecond: 1000, burst: 1000 },
      onSandboxChange: (s) => changes.push(s.id),
      extraLabCommands: {
        restore: createRestoreLabCommand({ onRestored: (from, restored, snapshot) => void restoredPairs.push({ from: from.id, restored: restored.id, snapshot: snapshot.id }) }),
        'add-shard': createAddShardLabCommand(),
      },
    });
  }

  it('refuses to restore before a snapshot exists, and refuses unknown snapshot ids', async () => {
    const sandbox = await fixture.engine.create({ topology: 'single' }, OWNER);
    const shell = shellFor(sandbox);
    expect((await runLine(shell, 'lab restore')).errors.join('\n')).toMatch(/has no snapshot yet\. Take one with `lab snapshot`/);
    expect((await runLine(shell, 'lab restore snap-doesnotexist')).errors.join('\n')).toMatch(/no snapshot "snap-doesnotexist" of yours/);
    expect(shell.sandbox.id).toBe(sandbox.id);
    await shell.dispose();
    await fixture.engine.delete(sandbox.id);
  });

  it('restores the newest snapshot into a new group and points the terminal at it', async () => {
    const original = await fixture.engine.create({ topology: 'single' }, OWNER);
    const shell = shellFor(original);
    await runLine(shell, 'SET order:1 paid');
    const snap = await runLine(shell, 'lab snapshot');
    const snapshotId = /Snapshot (snap-\w+) created/.exec(snap.text)?.[1];
    expect(snapshotId).toBeDefined();
    await runLine(shell, 'FLUSHALL');
    const restore = await runLine(shell, 'lab restore');
    expect(restore.errors).toEqual([]);
    expect(restore.text).toMatch(/This terminal now talks to/);
    expect(shell.sandbox.id).not.toBe(original.id);
    expect(shell.sandbox.describe().replicationGroupId).not.toBe(original.describe().replicationGroupId);
    expect(changes).toEqual([shell.sandbox.id]);
    expect(restoredPairs).toEqual([{ from: original.id, restored: shell.sandbox.id, snapshot: snapshotId }]);
    expect((await runLine(shell, 'GET order:1')).text).toContain('"paid"');
    await shell.dispose();
    for (const s of fixture.engine.list(OWNER)) await fixture.engine.delete(s.id);
  }, 60_000);

  it('at the sandbox cap, deletes the learner\'s oldest other sandbox to make room and says so', async () => {
    const other = await fixture.engine.create({ topology: 'single' }, OWNER);
    const current = await fixture.engine.create({ topology: 'single' }, OWNER);
    const shell = shellFor(current);
    await runLine(shell, 'SET k v');
    await runLine(shell, 'lab snapshot');
    const restore = await runLine(shell, 'lab restore');
    expect(restore.text).toContain(`your oldest other sandbox (${other.id}, single) was deleted to make room`);
    expect(fixture.engine.get(other.id)).toBeUndefined();
    expect(fixture.engine.get(current.id)).toBeDefined();
    expect((await runLine(shell, 'GET k')).text).toContain('"v"');
    await shell.dispose();
    for (const s of fixture.engine.list(OWNER)) await fixture.engine.delete(s.id);
  }, 60_000);

  it('lab add-shard explains that only a cluster-mode sandbox has shards to add', async () => {
    const sandbox = await fixture.engine.create({ topology: 'single' }, OWNER);
    const shell = shellFor(sandbox);
    expect((await runLine(shell, 'lab add-shard')).errors.join('\n')).toMatch(/has cluster mode disabled \(one shard\)/);
    expect((await runLine(shell, 'lab add-shard 2')).errors.join('\n')).toMatch(/takes no arguments/);
    await shell.dispose();
    await fixture.engine.delete(sandbox.id);
  });
});
