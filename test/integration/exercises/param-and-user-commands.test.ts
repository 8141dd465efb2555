/**
 * @module `lab param` and `lab user` on a real sandbox: the parameter group and user management a learner gets
 * instead of CONFIG SET and ACL SETUSER, with ElastiCache's validation and no way to exceed the learner's permissions.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/sandbox-engine.ts';
import { createParamLabCommand } from '../../../src/exercises/lab-param-command.ts';
import { createUserLabCommand } from '../../../src/exercises/lab-user-command.ts';
import { parameterHistory, readParameter, restoreParameterDefaults } from '../../../src/exercises/node-parameters.ts';
import { createLabShell, type SandboxLabShell } from '../../../src/shell/index.ts';
import { startTestEngine } from '../sandbox/engine-fixture.ts';

let fixture: Awaited<ReturnType<typeof startTestEngine>>;
let sandbox: Sandbox;
let shell: SandboxLabShell;

async function lab(line: string): Promise<{ text: string; errors: string[] }> {
  let text = '';
  const errors: string[] = [];
  await shell.run(line, { output: (d) => (text += d.replace(/\r\n/g, '\n')), error: (m) => errors.push(m) });
  return { text, errors };
}

async function asAdmin<T>(run: (admin: Redis) => Promise<T>): Promise<T> {
  const admin = sandbox.adminClient('primary');
  try {
    return await run(admin);
  } finally {
    admin.disconnect();
  }
}

beforeAll(async () => {
  fixture = await startTestEngine();
  sandbox = await fixture.engine.create({ topology: 'single' }, 'learner-lab-commands');
  shell = createLabShell({ sandbox, engine: fixture.engine, extraLabCommands: { param: createParamLabCommand(), user: createUserLabCommand() } });
}, 120_000);

afterAll(async () => {
  await shell?.dispose();
  await fixture?.dispose();
});

describe('lab param', () => {
  it('lists the modifiable parameters with their current values', async () => {
    const { text } = await lab('lab param');
    expect(text).toMatch(/maxmemory-policy\s+"volatile-lru"/);
    expect(text).toMatch(/slowlog-log-slower-than\s+"10000"/);
  });

  it('applies a valid value to the node and records the change', async () => {
    const { text, errors } = await lab('lab param maxmemory-policy allkeys-lru');
    expect(errors).toEqual([]);
    expect(text).toContain('changed from "volatile-lru" to "allkeys-lru"');
    expect(await readParameter(sandbox, 'maxmemory-policy')).toBe('allkeys-lru');
    expect(parameterHistory(sandbox.id).at(-1)).toMatchObject({ name: 'maxmemory-policy', value: 'allkeys-lru', previous: 'volatile-lru' });
  });

  it('refuses values and parameters a parameter group would refuse, and says what is allowed', async () => {
    expect((await lab('lab param maxmemory-policy lru-everything')).errors[0]).toMatch(/must be one of noeviction, allkeys-lru/);
    expect((await lab('lab param maxmemory 1mb')).errors[0]).toMatch(/"maxmemory" is not a modifiable parameter here; modifiable: maxmemory-policy/);
    expect((await lab('lab param slowlog-log-slower-than -5')).errors[0]).toMatch(/must be between 0 and 10000000/);
    expect((await lab('lab param notify-keyspace-events "Ex; FLUSHALL"')).errors[0]).toMatch(/may only contain the flags/);
  });

  it('restoring the defaults brings back the default parameter group and forgets the history', async () => {
    await restoreParameterDefaults(sandbox);
    expect(await readParameter(sandbox, 'maxmemory-policy')).toBe('volatile-lru');
    expect(parameterHistory(sandbox.id)).toEqual([]);
  });
});

describe('lab user', () => {
  it('refuses passwords, reset, selectors and channel patterns that reach the platform channels', async () => {
    expect((await lab('lab user create app1 on nopass ~app:* +get')).errors[0]).toMatch(/passwords are never part of an access string/);
    expect((await lab('lab user create app1 reset on ~app:* +get')).errors[0]).toMatch(/"reset" is not allowed/);
    expect((await lab("lab user create app1 on ~* '&*' +@all")).errors[0]).toMatch(/channel patterns must start with a letter or digit/);
    expect((await lab('lab user create app1 on ~* allchannels +@all')).errors[0]).toMatch(/channel patterns must start with a letter or digit/);
    expect((await lab('lab user create app1 on ~app:* +debug')).errors[0]).toMatch(/your own user cannot run DEBUG/);
    expect((await lab("lab user create app1 on ~app:* '+config|set'")).errors[0]).toMatch(/your own user cannot run CONFIG\|SET/);
    expect(await asAdmin((a) => a.call('ACL', 'GETUSER', 'app1'))).toBeNull();
  });

  it('refuses the platform users and the learner user', async () => {
    for (const name of ['default', 'cachelab-admin', 'learner']) {
      expect((await lab(`lab user create ${name} on ~* +@all`)).errors[0]).toMatch(/belongs to the platform/);
    }
  });

  it('caps +@all at the learner permissions: no CONFIG, DEBUG, ACL SETUSER, and no publishing on __sentinel__ channels', async () => {
    const { text, errors } = await lab("lab user create wide on ~* '&orders:*' +@all");
    expect(errors).toEqual([]);
    const password = /Password \(shown once\): ([0-9a-f]{32})/.exec(text)?.[1];
    expect(password).toBeDefined();
    const denied = async (...command: string[]) => String(await asAdmin((a) => a.call('ACL', 'DRYRUN', 'wide', ...command).catch((e: Error) => e.message)));
    expect(await denied('CONFIG', 'SET', 'maxmemory', '0')).not.toBe('OK');
    expect(await denied('DEBUG', 'SLEEP', '0')).not.toBe('OK');
    expect(await denied('ACL', 'SETUSER', 'x')).not.toBe('OK');
    expect(await denied('PUBLISH', '__sentinel__:hello', 'x')).not.toBe('OK');
    expect(await denied('GET', 'anything')).toBe('OK');
    expect(await denied('INFO')).toBe('OK');
  });

  it('the printed password logs in, modify keeps it, list hides it, delete removes the user', async () => {
    const { text } = await lab('lab user create reporting on ~report:* -@all +@read');
    const password = /Password \(shown once\): ([0-9a-f]{32})/.exec(text)![1]!;
    expect((await lab('lab user modify reporting on ~report:* -@all +get +set')).errors).toEqual([]);
    const port = sandbox.describe().endpoints.primary!.port;
    const client = new Redis({ host: '127.0.0.1', port, username: 'reporting', password, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    try {
      await client.connect();
      expect(await client.set('report:daily', 'ok')).toBe('OK');
      await expect(client.get('app:cart:42')).rejects.toThrow(/NOPERM/);
    } finally {
      client.disconnect();
    }
    const listed = await lab('lab user list');
    expect(listed.text).toMatch(/^reporting .*~report:\*/m);
    expect(listed.text).not.toContain(password);
    expect(listed.text).not.toMatch(/#[0-9a-f]{64}/);
    expect((await lab('lab user delete reporting')).text).toContain('User reporting deleted');
    expect(await asAdmin((a) => a.call('ACL', 'GETUSER', 'reporting'))).toBeNull();
    expect((await lab('lab user delete reporting')).errors[0]).toMatch(/there is no user "reporting"/);
  });
});
