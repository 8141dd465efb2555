/** Ports: inside the range, never 6379, never one that is taken (or whose bus port is taken). */
import { createServer, type Server } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PortAllocator } from '../../../sandbox/port-allocator.ts';
import { testPortRange } from '../../support/test-port-range.ts';

/** Holds a port; one that something else already holds is just as busy, so that counts too. */
function occupy(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('PortAllocator', () => {
  it('skips taken ports and ports whose bus port is taken, and never hands a port out twice', async () => {
    // This file's own test range; other programs on this machine may bind ports too, so only properties are asserted.
    const [base] = testPortRange();
    const busy = await occupy(base + 2);
    const busyBus = await occupy(base + 3 + 10_000);
    onTestFinished(() => {
      busy?.close();
      busyBus?.close();
    });
    const allocator = new PortAllocator([base, base + 5]);
    const ports: number[] = [];
    await expect(
      (async () => {
        for (;;) ports.push(await allocator.allocate());
      })(),
    ).rejects.toThrow(/No free port left/);
    expect(ports.length).toBeGreaterThan(0);
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports).not.toContain(base + 2);
    expect(ports).not.toContain(base + 3);
    expect(ports.every((p) => p >= base && p <= base + 5)).toBe(true);
    allocator.release(ports[0]!);
    expect(await allocator.allocate()).toBe(ports[0]);
  });

  it('never uses 6379 even when the range includes it', async () => {
    const allocator = new PortAllocator([6379, 6379]);
    await expect(allocator.allocate()).rejects.toThrow(/No free port/);
  });

  it('refuses a range that leaves no room for bus ports', () => {
    expect(() => new PortAllocator([60000, 60010])).toThrow(/port \+ 10000/);
  });
});
