/**
 * @module The terminal gateway end to end on the server side: a real WebSocket client, the real platform app,
 * real lab shells and real redis-server sandboxes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, newLearner, TerminalTestClient, terminalToken, type Learner } from './ws-test-client.ts';
import { startTerminalServer } from './terminal-server.ts';

let server: Awaited<ReturnType<typeof startTerminalServer>>;
let learner: Learner;
let sandbox: { id: string; endpoints: { primary: { name: string } }; credentials: { username: string; password: string } };
const clients: TerminalTestClient[] = [];

async function connect(options: Parameters<typeof TerminalTestClient.connect>[2] = {}, who = learner, id = sandbox.id) {
  const client = await TerminalTestClient.connect(who, id, options);
  clients.push(client);
  return client;
}

/** Interactive redis-cli on the sandbox's primary endpoint with the learner's own credentials. */
function redisCliLine(): string {
  const { username, password } = sandbox.credentials;
  return `redis-cli -h ${sandbox.endpoints.primary.name} --user ${username} --pass ${password} --no-auth-warning`;
}

beforeAll(async () => {
  server = await startTerminalServer();
  learner = await newLearner(server.base);
  const created = await api(learner, 'POST', '/api/sandboxes', { topology: 'single' });
  expect(created.status).toBe(201);
  sandbox = created.json;
});

afterEach(async () => {
  // Each learner may hold a few terminals; close this test's sockets so the next test starts below the cap.
  const open = clients.splice(0).filter((client) => !client.closed);
  for (const client of open) client.close();
  await Promise.all(open.map((client) => client.waitForClose()));
});

afterAll(async () => {
  await server?.dispose();
});

describe('terminal gateway on the real platform', () => {
  it('runs redis-cli against the learner sandbox over the WebSocket', async () => {
    const client = await connect();
    const entered = await client.run(redisCliLine());
    expect(entered.errors).toEqual([]);
    expect(entered.prompt).toMatch(/>\s*$/);
    expect((await client.run('SET greeting hello')).text).toMatch(/^OK\r?\n$/);
    expect((await client.run('GET greeting')).text).toMatch(/^"hello"\r?\n$/);
  });

  it("refuses other learners: no token for someone else's sandbox, 4403 on its socket, 4401 without a cookie", async () => {
    const intruder = await newLearner(server.base);
    expect((await api(intruder, 'POST', `/api/sandboxes/${sandbox.id}/terminal-token`)).status).toBe(404);
    const stolen = await terminalToken(learner, sandbox.id);
    const hijack = await connect({ token: stolen }, intruder);
    expect((await hijack.waitForClose()).code).toBe(4403);
    const anonymous = await connect({ cookie: null });
    expect(await anonymous.waitForClose()).toMatchObject({ code: 4401, reason: expect.stringMatching(/cookie/) });
  });

  it('refuses a cross-site upgrade even with a valid cookie and token', async () => {
    await expect(connect({ origin: 'http://attacker.example' })).rejects.toThrow(/HTTP 403/);
  });

  it('paces a flood of lines, refuses what overflows the queue with a clear message, and every line gets its prompt', async () => {
    const client = await connect();
    await client.run(redisCliLine());
    const blocker = client.lastSeq + 1;
    // A blocking command holds the line queue, so the flood below piles up deterministically behind it.
    client.send({ type: 'line', line: 'BLPOP never-pushed 0', seq: blocker });
    for (let seq = blocker + 1; seq <= blocker + 60; seq += 1) client.send({ type: 'line', line: 'PING', seq });
    await client.waitFor(() => client.text().includes('Slow down'));
    client.send({ type: 'interrupt' });
    const finished = () => client.frames.filter((f) => f.type === 'prompt' && (f.seq ?? 0) >= blocker).length;
    await client.waitFor(() => finished() === 61, 30_000);
    const refused = client.frames.filter((f) => f.type === 'error' && /Slow down/.test(f.message)).length;
    const pongs = client.text().match(/PONG/g)?.length ?? 0;
    expect(refused).toBeGreaterThan(0);
    expect(pongs + refused).toBe(60);
  });

  it('truncates a huge reply instead of flooding the browser', async () => {
    const client = await connect();
    await client.run(redisCliLine());
    await client.run(`RPUSH big ${Array.from({ length: 3000 }, (_, i) => `v${i}`).join(' ')}`);
    const listed = await client.run('LRANGE big 0 -1');
    expect(`${listed.text}${listed.errors.join('\n')}`).toMatch(/truncated/);
    expect(listed.text.split('\n').length).toBeLessThan(3000);
  });

  it('Ctrl-C ends SUBSCRIBE and returns to the prompt, messages arrive until then', async () => {
    const subscriber = await connect();
    const publisher = await connect();
    await subscriber.run(redisCliLine());
    await publisher.run(redisCliLine());
    const seq = subscriber.lastSeq + 1;
    subscriber.continueFrom(seq);
    subscriber.send({ type: 'line', line: 'SUBSCRIBE news', seq });
    await subscriber.waitFor(() => subscriber.text().includes('news'));
    await publisher.run('PUBLISH news breaking');
    await subscriber.waitFor(() => subscriber.text().includes('breaking'));
    subscriber.send({ type: 'interrupt' });
    await subscriber.waitFor(() => subscriber.frames.some((f) => f.type === 'prompt' && f.seq === seq));
    expect((await subscriber.run('PING')).text).toMatch(/PONG/);
  });

  it('Ctrl-C ends a blocking BLPOP, which then consumes nothing', async () => {
    const client = await connect();
    await client.run(redisCliLine());
    await client.run('DEL jobs');
    const seq = client.lastSeq + 1;
    client.continueFrom(seq);
    client.send({ type: 'line', line: 'BLPOP jobs 0', seq });
    client.send({ type: 'interrupt' });
    await client.waitFor(() => client.frames.some((f) => f.type === 'prompt' && f.seq === seq));
    await client.run('LPUSH jobs one');
    expect((await client.run('LLEN jobs')).text).toMatch(/\(integer\) 1/);
  });

  it('a reconnecting socket resumes the same shell: interactive redis-cli, selected DB and history', async () => {
    const first = await connect({ session: 'resume-test-01' });
    await first.run(redisCliLine());
    const selected = await first.run('SELECT 2');
    expect(selected.prompt).toMatch(/\[2\]> ?$/);
    await first.run('SET only-in-db2 yes');
    first.socket.terminate();
    await first.waitForClose();

    const second = await connect({ session: 'resume-test-01' });
    const greeting = await second.waitFor(() => second.frames.find((f) => f.type === 'prompt'));
    expect(greeting).toMatchObject({ prompt: selected.prompt, seq: first.lastSeq });
    second.continueFrom(first.lastSeq);
    // The page resends a line it is unsure about: the server recognises the seq and does not run it again.
    second.send({ type: 'line', line: 'SET only-in-db2 yes', seq: first.lastSeq });
    expect((await second.run('GET only-in-db2')).text).toMatch(/"yes"/);
    second.send({ type: 'line', line: 'history', seq: second.lastSeq + 1 });
    second.continueFrom(second.lastSeq + 1);
    await second.waitFor(() => second.frames.some((f) => f.type === 'prompt' && f.seq === second.lastSeq));
  });

  it('follows `lab reset`: the same session and a reconnect naming the old sandbox id reach the new sandbox', async () => {
    const oldId = sandbox.id;
    const first = await connect({ session: 'reset-test-01' });
    const reset = await first.run('lab reset --yes', 60_000);
    const newId = /New sandbox (sb-[a-z0-9]+)/.exec(reset.text)?.[1];
    expect(newId).toBeDefined();
    expect(newId).not.toBe(oldId);
    expect((await first.run('lab status')).text).toContain(newId!);
    first.socket.terminate();
    await first.waitForClose();

    const token = await api(learner, 'POST', `/api/sandboxes/${oldId}/terminal-token`);
    expect(token).toMatchObject({ status: 201, json: { sandboxId: newId } });

    const again = await connect({ session: 'reset-test-01' }, learner, oldId);
    again.continueFrom(first.lastSeq);
    expect((await again.run('lab status')).text).toContain(newId!);
    sandbox = (await api(learner, 'GET', `/api/sandboxes/${newId}`)).json;
  });
});
