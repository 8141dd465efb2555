/** Ports: inside the range, never 6379, never one that is taken (or whose bus port is taken). */
import { createServer, type Server } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PortAllocator } from '../../../sandbox/port-allocator.ts';

function occupy(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('PortAllocator', () => {
  it('skips 6379, taken ports and ports whose bus port is taken, and never hands a port out twice', async () => {
    const busy = await occupy(46002);
    const busyBus = await occupy(46003 + 10_000);
    onTestFinished(() => {
      busy.close();
      busyBus.close();
    });
    const allocator = new PortAllocator([46000, 46005]);
    const ports = [await allocator.allocate(), await allocator.allocate(), await allocator.allocate(), await allocator.allocate()];
    expect(ports).toEqual([46000, 46001, 46004, 46005]);
    await expect(allocator.allocate()).rejects.toThrow(/No free port left/);
    allocator.release(46001);
    expect(await allocator.allocate()).toBe(46001);
  });

  it('never uses 6379 even when the range includes it', async () => {
    const allocator = new PortAllocator([6379, 6379]);
    await expect(allocator.allocate()).rejects.toThrow(/No free port/);
  });

  it('refuses a range that leaves no room for bus ports', () => {
    expect(() => new PortAllocator([60000, 60010])).toThrow(/port \+ 10000/);
  });
});
