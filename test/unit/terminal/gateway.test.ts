/** @module The terminal gateway's protocol over a real WebSocket, with fake shells (no redis-server needed). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newLearner, TerminalTestClient, terminalToken, type Learner } from '../../integration/terminal/ws-test-client.ts';
import { startGatewayServer } from './gateway-server.ts';

let server: Awaited<ReturnType<typeof startGatewayServer>>;
let learner: Learner;
let sandboxId: string;
const clients: TerminalTestClient[] = [];

async function connect(options: Parameters<typeof TerminalTestClient.connect>[2] = {}, who = learner, id = sandboxId) {
  const client = await TerminalTestClient.connect(who, id, options);
  clients.push(client);
  return client;
}

beforeEach(async () => {
  server = await startGatewayServer({ linesPerSecond: 50, lineBurst: 50 });
  learner = await newLearner(server.base);
  sandboxId = server.fake.add(learner.learnerId);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server.close();
});

describe('terminal gateway', () => {
  it('greets with a prompt, then answers each line with its output and exactly one prompt', async () => {
    const client = await connect();
    await client.waitFor(() => client.frames.some((f) => f.type === 'prompt'));
    expect(client.frames[0]).toEqual({ type: 'prompt', prompt: '$ ', seq: 0 });
    const before = client.frames.length;
    const result = await client.run('echo hello world');
    expect(result.text).toBe('hello world\r\n');
    expect(client.frames.slice(before).filter((f) => f.type === 'prompt')).toHaveLength(1);
    const entered = await client.run('enter');
    expect(entered.prompt).toBe('127.0.0.1:7000> ');
  });

  it('hands out terminal tokens only to the sandbox owner', async () => {
    const other = await newLearner(server.base);
    await expect(terminalToken(other, sandboxId)).rejects.toThrow(/404/);
    expect(await terminalToken(learner, sandboxId)).toMatch(/\./);
  });

  it('refuses an upgrade from another site', async () => {
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow(/HTTP 403/);
    await expect(connect({ origin: null })).rejects.toThrow(/HTTP 403/);
  });

  it('closes with 4401 without a learner cookie, and with a used or forged token', async () => {
    const token = await terminalToken(learner, sandboxId);
    const anonymous = await connect({ cookie: null, token });
    expect((await anonymous.waitForClose()).code).toBe(4401);

    const first = await connect({ token: await terminalToken(learner, sandboxId) });
    await first.waitFor(() => first.frames.length > 0);
    const reused = await connect({ token: new URL(first.socket.url).searchParams.get('token')! });
    expect(await reused.waitForClose()).toMatchObject({ code: 4401, reason: expect.stringMatching(/already used/) });

    const forged = await connect({ token: `${token.split('.')[0]}.AAAA` });
    expect(await forged.waitForClose()).toMatchObject({ code: 4401, reason: expect.stringMatching(/Invalid/) });
  });

  it("closes with 4403 on someone else's sandbox, even with that learner's valid token", async () => {
    const other = await newLearner(server.base);
    const othersSandbox = server.fake.add(other.learnerId);
    const stolenToken = await terminalToken(other, othersSandbox);
    const client = await connect({ token: stolenToken }, learner, othersSandbox);
    expect(await client.waitForClose()).toMatchObject({ code: 4403, reason: expect.stringMatching(/someone else/) });
  });

  it('validates frames and answers junk with an error frame, keeping the session usable', async () => {
    const client = await connect();
    client.send({ type: 'rm -rf' });
    client.socket.send('not json');
    await client.waitFor(() => client.frames.filter((f) => f.type === 'error').length >= 2);
    client.send({ type: 'line', line: 'x'.repeat(70_000), seq: 1 });
    await client.waitFor(() => client.frames.some((f) => f.type === 'prompt' && f.seq === 1));
    expect(client.text()).toMatch(/at most 65536 characters/);
    client.continueFrom(1);
    expect((await client.run('echo still here')).text).toBe('still here\r\n');
  });

  it('rejects oversized frames by closing the socket (1009)', async () => {
    const client = await connect();
    client.socket.send('x'.repeat(2_000_000));
    expect((await client.waitForClose()).code).toBe(1009);
  });

  it('runs a resent line only once', async () => {
    const client = await connect();
    await client.run('echo one');
    client.send({ type: 'line', line: 'echo one', seq: 1 });
    const count = await client.run('count');
    expect(count.text).toBe('2\r\n');
  });

  it('interrupts a running command and returns to the prompt', async () => {
    const client = await connect();
    client.send({ type: 'line', line: 'wait', seq: 1 });
    await client.waitFor(() => client.text().includes('Ctrl-C'));
    client.send({ type: 'interrupt' });
    await client.waitFor(() => client.frames.some((f) => f.type === 'prompt' && f.seq === 1));
  });

  it('answers Tab completion and resize', async () => {
    const client = await connect();
    client.send({ type: 'complete', line: 'ec', cursor: 2 });
    await client.waitFor(() => client.frames.find((f) => f.type === 'completions'));
    expect(client.frames.find((f) => f.type === 'completions')).toEqual({ type: 'completions', items: ['echo'] });
    client.send({ type: 'resize', cols: 120, rows: 40 });
    await vi.waitFor(() => expect(server.shells[0]!.size.cols).toBe(120));
  });

  it('paces lines over the rate, refuses lines beyond the waiting queue, and every line gets its prompt', async () => {
    await server.close();
    server = await startGatewayServer({ linesPerSecond: 20, lineBurst: 2, queuedLines: 3 });
    learner = await newLearner(server.base);
    sandboxId = server.fake.add(learner.learnerId);
    const client = await connect();
    for (let seq = 1; seq <= 8; seq += 1) client.send({ type: 'line', line: `echo ${seq}`, seq });
    await client.waitFor(() => client.frames.filter((f) => f.type === 'prompt' && (f.seq ?? 0) > 0).length === 8);
    expect(client.text()).toMatch(/Slow down/);
    // Four lines ran (the running one plus three waiting, paced by the bucket); four were refused.
    expect(client.text().match(/^\d\r$/gm)).toHaveLength(4);
  });

  it('resumes the same shell after a dropped socket, with output produced meanwhile', async () => {
    const first = await connect({ session: 'tab-session-1' });
    await first.run('enter');
    first.send({ type: 'line', line: 'wait', seq: 2 });
    await first.waitFor(() => first.text().includes('Ctrl-C'));
    first.socket.terminate();
    await first.waitForClose();

    // Output produced once the server has noticed the drop is kept for the next socket.
    await vi.waitFor(() => expect(server.gateway.registry.list()[0]!.attached).toBe(false));
    server.shells[0]!.emit('message sent while the socket was down\r\n');

    const second = await connect({ session: 'tab-session-1' });
    await second.waitFor(() => second.text().includes('message sent while the socket was down'), 3000);
    second.continueFrom(2);
    second.send({ type: 'line', line: 'wait', seq: 2 });
    second.send({ type: 'interrupt' });
    await second.waitFor(() => second.frames.some((f) => f.type === 'prompt' && f.seq === 2));
    const count = await second.run('count');
    expect(count.text).toBe('3\r\n');
    expect(count.prompt).toBe('127.0.0.1:7000> ');
    expect(server.shells).toHaveLength(1);
  });

  it('a newer socket for the same session replaces the older one (4409)', async () => {
    const first = await connect({ session: 'tab-session-2' });
    await first.waitFor(() => first.frames.length > 0);
    const second = await connect({ session: 'tab-session-2' });
    expect((await first.waitForClose()).code).toBe(4409);
    expect((await second.run('echo hi')).text).toBe('hi\r\n');
  });

  it('caps sessions per learner, evicting the oldest detached one first', async () => {
    await server.close();
    server = await startGatewayServer({ maxSessionsPerLearner: 2 });
    learner = await newLearner(server.base);
    sandboxId = server.fake.add(learner.learnerId);
    const a = await connect({ session: 'session-aaaa' });
    await a.waitFor(() => a.frames.length > 0);
    const b = await connect({ session: 'session-bbbb' });
    await b.waitFor(() => b.frames.length > 0);
    const c = await connect({ session: 'session-cccc' });
    expect((await c.waitForClose()).code).toBe(4429);
    a.close();
    await a.waitForClose();
    const d = await connect({ session: 'session-dddd' });
    await d.waitFor(() => d.frames.length > 0);
    await vi.waitFor(() => expect(server.shells[0]!.disposed).toBe(true));
  });

  it('disposes shells of deleted sandboxes and of sessions past their grace period', async () => {
    await server.close();
    server = await startGatewayServer({ graceMs: 50, sweepEveryMs: 20 });
    learner = await newLearner(server.base);
    sandboxId = server.fake.add(learner.learnerId);
    const client = await connect();
    await client.waitFor(() => client.frames.length > 0);
    client.close();
    await vi.waitFor(() => expect(server.shells[0]!.disposed).toBe(true));

    const again = await connect();
    await again.waitFor(() => again.frames.length > 0);
    server.fake.remove(sandboxId);
    await vi.waitFor(() => expect(server.shells[1]!.disposed).toBe(true));
    expect(await again.waitForClose()).toMatchObject({ code: 4404, reason: expect.stringMatching(/deleted/) });
  });
});

describe('terminal gateway heartbeats', () => {
  it('terminates a socket whose peer stops answering pings', async () => {
    await server.close();
    server = await startGatewayServer({ heartbeatMs: 40 });
    learner = await newLearner(server.base);
    sandboxId = server.fake.add(learner.learnerId);
    const token = await terminalToken(learner, sandboxId);
    const { default: WebSocket } = await import('ws');
    const url = `${server.base.replace('http', 'ws')}/api/terminal?sandbox=${sandboxId}&token=${encodeURIComponent(token)}`;
    // autoPong: false plays a peer that vanished without closing (a sleeping laptop).
    const silent = new WebSocket(url, { headers: { cookie: learner.cookie }, origin: server.base, autoPong: false });
    const code = await new Promise<number>((resolve) => silent.on('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(1006);
  });
});
