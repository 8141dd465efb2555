/**
 * Lockdown: hostile inputs typed as the learner are refused or contained, and the node keeps serving.
 * The learner user is what every terminal and every lesson client connects as.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { LiveSandbox } from '../../../sandbox/live-sandbox/index.ts';
import { startTestEngine } from './engine-fixture.ts';

let fixture: Awaited<ReturnType<typeof startTestEngine>>;
let single: LiveSandbox;
let other: LiveSandbox;
let cluster: LiveSandbox;
let replication: LiveSandbox;

function learnerClient(sandbox: LiveSandbox, port = sandbox.describe().nodes[0]!.port): Redis {
  const client = new Redis({ port, ...sandbox.credentials, maxRetriesPerRequest: 0, commandTimeout: 30_000 });
  client.on('error', () => {});
  // maxclients is 64: every test closes what it opened.
  onTestFinished(() => client.disconnect());
  return client;
}

beforeAll(async () => {
  fixture = await startTestEngine();
  [single, other, cluster, replication] = (await Promise.all([
    fixture.engine.create({ topology: 'single' }, 'learner-a'),
    fixture.engine.create({ topology: 'single' }, 'learner-b'),
    fixture.engine.create({ topology: 'cluster', shards: 1, replicasPerShard: 0 }, 'learner-a'),
    fixture.engine.create({ topology: 'replication', replicas: 1 }, 'learner-a'),
  ])) as LiveSandbox[];
}, 60_000);

afterAll(async () => {
  await fixture?.dispose();
});

const NOPERM = /NOPERM/;
type Case = { name: string; target: () => LiveSandbox; port?: () => number; command: () => (string | number)[]; refusal: RegExp };

const refused: Case[] = [
  ['CONFIG SET dir', ['CONFIG', 'SET', 'dir', '/tmp']],
  ['CONFIG SET dbfilename', ['CONFIG', 'SET', 'dbfilename', 'authorized_keys']],
  ['CONFIG GET masterauth', ['CONFIG', 'GET', 'masterauth']],
  ['CONFIG GET *', ['CONFIG', 'GET', '*']],
  ['CONFIG REWRITE', ['CONFIG', 'REWRITE']],
  ['CONFIG RESETSTAT', ['CONFIG', 'RESETSTAT']],
  ['MODULE LOAD', ['MODULE', 'LOAD', '/tmp/evil.so']],
  ['MODULE LIST', ['MODULE', 'LIST']],
  ['DEBUG SEGFAULT', ['DEBUG', 'SEGFAULT']],
  ['DEBUG SLEEP', ['DEBUG', 'SLEEP', '30']],
  ['REPLICAOF another port', ['REPLICAOF', '127.0.0.1', '1']],
  ['SLAVEOF another port', ['SLAVEOF', '127.0.0.1', '1']],
  ['REPLICAOF NO ONE', ['REPLICAOF', 'NO', 'ONE']],
  ['MIGRATE to another port', ['MIGRATE', '127.0.0.1', '1', 'k', '0', '1000']],
  ['ACL SETUSER self +@all', ['ACL', 'SETUSER', 'learner', '+@all']],
  ['ACL SETUSER new user', ['ACL', 'SETUSER', 'evil', 'on', '>x', '+@all', '~*']],
  ['ACL DELUSER admin', ['ACL', 'DELUSER', 'cachelab-admin']],
  ['ACL GETUSER admin', ['ACL', 'GETUSER', 'cachelab-admin']],
  ['ACL LIST', ['ACL', 'LIST']],
  ['ACL SAVE', ['ACL', 'SAVE']],
  ['ACL LOAD', ['ACL', 'LOAD']],
  ['SHUTDOWN', ['SHUTDOWN']],
  ['SHUTDOWN NOSAVE', ['SHUTDOWN', 'NOSAVE']],
  ['SAVE', ['SAVE']],
  ['BGSAVE', ['BGSAVE']],
  ['BGREWRITEAOF', ['BGREWRITEAOF']],
  ['SYNC', ['SYNC']],
  ['PSYNC', ['PSYNC', '?', '-1']],
  ['FAILOVER', ['FAILOVER']],
  ['CLIENT KILL', ['CLIENT', 'KILL', 'TYPE', 'normal']],
  ['CLIENT PAUSE', ['CLIENT', 'PAUSE', '100000']],
  ['CLIENT NO-EVICT', ['CLIENT', 'NO-EVICT', 'on']],
  ['RESTORE a crafted payload', ['RESTORE', 'k', '0', '\x00\x03bad']],
  ['forged Sentinel hello', ['PUBLISH', '__sentinel__:hello', '127.0.0.1,1,' + 'a'.repeat(40) + ',99,x,127.0.0.1,1,99']],
  ['CONFIG SET inside Lua', ['EVAL', "return redis.call('CONFIG','SET','dir','/tmp')", '0']],
  ['SHUTDOWN inside Lua', ['EVAL', "return redis.call('SHUTDOWN')", '0']],
].map(([name, command]) => ({
  name: name as string,
  target: () => single,
  command: () => command as string[],
  // enable-debug-command / enable-module-command answer before the ACL does; scripts refuse admin commands outright.
  refusal: /Lua/.test(name as string) ? /not allowed from script|NOPERM/ : /MODULE|DEBUG/.test(name as string) ? /NOPERM|command not allowed/ : NOPERM,
}));

const clusterCases: Case[] = [
  ['CLUSTER MEET', () => ['CLUSTER', 'MEET', '127.0.0.1', String(other.describe().nodes[0]!.port)]],
  ['CLUSTER FORGET', () => ['CLUSTER', 'FORGET', 'a'.repeat(40)]],
  ['CLUSTER RESET', () => ['CLUSTER', 'RESET', 'HARD']],
  ['CLUSTER ADDSLOTS', () => ['CLUSTER', 'ADDSLOTS', '1']],
  ['CLUSTER DELSLOTS', () => ['CLUSTER', 'DELSLOTS', '1']],
  ['CLUSTER SETSLOT', () => ['CLUSTER', 'SETSLOT', '1', 'STABLE']],
  ['CLUSTER FAILOVER', () => ['CLUSTER', 'FAILOVER', 'TAKEOVER']],
  ['CLUSTER REPLICATE', () => ['CLUSTER', 'REPLICATE', 'a'.repeat(40)]],
  ['CLUSTER FLUSHSLOTS', () => ['CLUSTER', 'FLUSHSLOTS']],
].map(([name, command]) => ({ name: name as string, target: () => cluster, command: command as () => string[], refusal: NOPERM }));

const sentinelCases: Case[] = [
  ['SENTINEL SET quorum', () => ['SENTINEL', 'SET', replication.rt.groupId, 'quorum', '1']],
  ['SENTINEL REMOVE', () => ['SENTINEL', 'REMOVE', replication.rt.groupId]],
  ['SENTINEL FAILOVER', () => ['SENTINEL', 'FAILOVER', replication.rt.groupId]],
  ['SENTINEL RESET', () => ['SENTINEL', 'RESET', '*']],
  ['SENTINEL MONITOR', () => ['SENTINEL', 'MONITOR', 'evil', '127.0.0.1', '1', '1']],
  ['SENTINEL CONFIG SET', () => ['SENTINEL', 'CONFIG', 'SET', 'resolve-hostnames', 'yes']],
  ['PUBLISH hello to a Sentinel', () => ['PUBLISH', '__sentinel__:hello', 'x']],
].map(([name, command]) => ({
  name: name as string,
  target: () => replication,
  port: () => replication.sentinelAddresses()[0]!.port,
  command: command as () => string[],
  refusal: NOPERM,
}));

describe('lockdown: learner commands that are refused', () => {
  it.each([...refused, ...clusterCases, ...sentinelCases].map((c) => [c.name, c] as const))('%s is refused and the node keeps serving', async (_name, c) => {
    const sandbox = c.target();
    const client = learnerClient(sandbox, c.port?.());
    await expect(client.call(...(c.command() as [string, ...string[]]))).rejects.toThrow(c.refusal);
    expect(await client.ping()).toBe('PONG');
  });
});

describe('lockdown: hostile inputs that are contained', () => {
  it('AUTH as default or as the admin with a guessed password is refused', async () => {
    const client = learnerClient(single);
    await expect(client.call('AUTH', 'default', '')).rejects.toThrow(/WRONGPASS|disabled/i);
    await expect(client.call('AUTH', 'cachelab-admin', 'guess')).rejects.toThrow(/WRONGPASS/);
    await expect(client.call('HELLO', '3', 'AUTH', 'cachelab-admin', 'guess')).rejects.toThrow(/WRONGPASS/);
    const anonymous = new Redis({ port: single.describe().nodes[0]!.port, maxRetriesPerRequest: 0 });
    anonymous.on('error', () => {});
    onTestFinished(() => anonymous.disconnect());
    await expect(anonymous.get('k')).rejects.toThrow(/NOAUTH/);
  });

  it("sandbox A's learner cannot FLUSHALL sandbox B (credentials differ)", async () => {
    const b = other.describe().nodes[0]!;
    const admin = other.adminClient(b.name);
    await admin.set('precious', '1');
    const intruder = learnerClient(other);
    await expect(intruder.call('AUTH', single.credentials.username, single.credentials.password)).rejects.toThrow(/WRONGPASS/);
    const wrong = new Redis({ port: b.port, ...single.credentials, maxRetriesPerRequest: 0, retryStrategy: () => null });
    wrong.on('error', () => {});
    onTestFinished(() => wrong.disconnect());
    await expect(wrong.flushall()).rejects.toThrow();
    expect(await admin.get('precious')).toBe('1');
    admin.disconnect();
  });

  it('an oversized SETRANGE and an APPEND past 1 MB are refused', async () => {
    const client = learnerClient(single);
    await expect(client.setrange('big', 4 * 1024 * 1024 * 1024 - 2, 'x')).rejects.toThrow(/maximum allowed size/);
    await client.set('grow', 'x'.repeat(700 * 1024));
    await expect(client.append('grow', 'x'.repeat(700 * 1024))).rejects.toThrow(/maximum allowed size/);
    expect(await client.ping()).toBe('PONG');
  });

  it('a 2 MB bulk string is refused by proto-max-bulk-len', async () => {
    const client = learnerClient(single);
    await expect(client.set('huge', 'x'.repeat(2 * 1024 * 1024))).rejects.toThrow(/bulk length|Connection is closed|Protocol error|max retries/i);
    expect(await learnerClient(single).ping()).toBe('PONG');
  });

  it('a Lua string.rep memory bomb fails inside the script, under the OS memory cap', async () => {
    const client = learnerClient(single);
    await expect(client.eval("return string.rep('x', 1024*1024*1024)", 0)).rejects.toThrow(/memory|ERR/i);
    expect(await client.ping()).toBe('PONG');
    expect(fixture.engine.health().memoryCap).not.toBe('none');
  });

  it('every node and Sentinel runs under the OS memory cap that /api/health reports', async () => {
    const mechanism = fixture.engine.health().memoryCap;
    expect(mechanism).not.toBe('none');
    const pids = [...replication.rt.nodes.values()].map((n) => n.process!.pid).concat(replication.rt.sentinels.map((s) => s.process!.pid));
    for (const pid of pids) {
      const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
      const addressSpace = /Max address space\s+(\S+)/.exec(limits)![1]!;
      expect(addressSpace).not.toBe('unlimited');
      expect(Number(addressSpace)).toBeLessThanOrEqual(1024 * 1024 * 1024);
    }
  });

  it('a Lua infinite loop is killed by the platform and the node serves again', async () => {
    const client = learnerClient(single);
    await expect(client.eval('while true do end', 0)).rejects.toThrow(/killed/i);
    expect(await learnerClient(single).ping()).toBe('PONG');
    expect(single.events().some((e) => e.message.includes('Runaway script'))).toBe(true);
  });

  it('a looping function (FCALL) is killed by the platform too', async () => {
    const client = learnerClient(single);
    await client.call('FUNCTION', 'LOAD', 'REPLACE', "#!lua name=spin\nredis.register_function('spin', function() while true do end end)");
    await expect(client.call('FCALL', 'spin', '0')).rejects.toThrow(/killed/i);
    expect(await learnerClient(single).ping()).toBe('PONG');
  });

  it('a Lua script cannot reach the OS: os, io, loadfile and dofile are absent', async () => {
    const client = learnerClient(single);
    for (const script of ["return os.execute('id')", "return io.open('/etc/passwd')", "return loadfile('/etc/passwd')", "return dofile('/etc/passwd')"]) {
      await expect(client.eval(script, 0)).rejects.toThrow(/nonexistent global|attempt to call|ERR/i);
    }
    expect(existsSync('/tmp/evil.so')).toBe(false);
  });

  it('exhausting maxclients only hurts the learner’s own sandbox, which recovers', async () => {
    const port = single.describe().nodes[0]!.port;
    const flood = Array.from({ length: 80 }, () => new Redis({ port, ...single.credentials, maxRetriesPerRequest: 0, retryStrategy: () => null }));
    for (const c of flood) c.on('error', () => {});
    const results = await Promise.allSettled(flood.map((c) => c.ping()));
    for (const c of flood) c.disconnect();
    // Redis answers "max number of clients reached" to the AUTH ioredis sends first, then closes the connection.
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(10);
    const probe = other.adminClient(other.describe().nodes[0]!.name);
    expect(await probe.ping()).toBe('PONG');
    probe.disconnect();
    await expect.poll(() => learnerClient(single).ping().catch(() => 'refused')).toBe('PONG');
  });

  it('the platform-only settings are still in force afterwards', async () => {
    const admin = single.adminClient('primary');
    const config = (await admin.call('CONFIG', 'GET', 'dir')) as string[];
    expect(config[1]).toBe(single.rt.nodes.values().next().value!.dir);
    const flags = (await admin.call('CONFIG', 'GET', 'enable-debug-command')) as string[];
    expect(flags[1]).toBe('no');
    expect(((await admin.call('CONFIG', 'GET', 'bind')) as string[])[1]).toBe('127.0.0.1');
    admin.disconnect();
  });

  it('CONFIG GET is answered by the platform from an allow-list: maxmemory yes, masterauth and paths never', async () => {
    const all = await single.configGet(['*']);
    const names = all.map(([name]) => name);
    expect(Object.fromEntries(all).maxmemory).toBe(String(64 * 1024 * 1024));
    expect(names).toContain('maxmemory-policy');
    for (const secret of ['masterauth', 'masteruser', 'requirepass', 'dir', 'dbfilename', 'logfile', 'aclfile']) expect(names).not.toContain(secret);
    expect(await single.configGet(['masterauth'])).toEqual([]);
  });

  it("MONITOR, granted for lessons, never shows the platform's secrets", async () => {
    const monitor = await learnerClient(single).monitor();
    onTestFinished(() => monitor.disconnect());
    const feed: string[] = [];
    monitor.on('monitor', (_time, args: string[]) => feed.push(args.join(' ')));
    const admin = single.adminClient('primary');
    onTestFinished(() => admin.disconnect());
    await admin.call('ACL', 'SETUSER', 'probe-user', 'on', '>monitor-canary-password');
    await admin.call('CONFIG', 'GET', 'masterauth');
    await admin.set('visible-key', '1');
    await expect.poll(() => feed.some((line) => line.includes('visible-key'))).toBe(true);
    const text = feed.join('\n');
    for (const secret of ['monitor-canary-password', single.rt.creds.admin.password, single.rt.creds.replication.password]) {
      expect(text).not.toContain(secret);
    }
    await admin.call('ACL', 'DELUSER', 'probe-user');
  });

  it('lessons keep their read-only diagnostics: INFO, ROLE, KEYS, SORT, SLOWLOG, LATENCY, CLIENT LIST, MONITOR', async () => {
    const client = learnerClient(single);
    await client.rpush('list', '3', '1', '2');
    expect(await client.sort('list')).toEqual(['1', '2', '3']);
    expect(await client.info('server')).toContain('redis_version');
    expect(((await client.call('ROLE')) as string[])[0]).toBe('master');
    expect(await client.keys('*')).toContain('list');
    await client.call('SLOWLOG', 'GET');
    await client.call('SLOWLOG', 'LEN');
    await client.call('LATENCY', 'LATEST');
    expect(await client.call('CLIENT', 'LIST')).toContain('cmd=client');
    const monitor = await learnerClient(single).monitor();
    monitor.disconnect();
    const subscriber = learnerClient(single);
    await subscriber.psubscribe('news.*', '__keyspace@0__:*');
    const received = new Promise<string>((resolve) => subscriber.on('pmessage', (_p, channel) => resolve(channel)));
    expect(await client.publish('news.today', 'hello')).toBe(1);
    expect(await received).toBe('news.today');
  });
});
