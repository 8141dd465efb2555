/**
 * @module Claims a free port lane for this vitest run by listening on the lane's lock port, so a second `vitest`
 * started on the same machine meanwhile takes another lane (see test-port-range.ts for the layout).
 */
import { createServer, type Server } from 'node:net';
import { LANES, laneLockPort } from './test-port-range.ts';

export interface PortLane {
  lane: number;
  /** Frees the lock port. */
  release(): Promise<void>;
}

function listen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
  });
}

export async function claimPortLane(): Promise<PortLane> {
  for (let lane = 0; lane < LANES; lane += 1) {
    const lock = await listen(laneLockPort(lane));
    if (!lock) continue;
    // The lock must not keep vitest alive; nothing ever connects to it.
    lock.unref();
    return { lane, release: () => new Promise<void>((resolve) => lock.close(() => resolve())) };
  }
  throw new Error(
    `All ${LANES} test port lanes are taken (lock ports ${laneLockPort(0)}, ${laneLockPort(1)}, ...): ${LANES} other vitest runs are active on this machine. Wait for one to finish, or set CACHELAB_TEST_PORT_LANE=0..${LANES - 1} to share a lane.`,
  );
}
