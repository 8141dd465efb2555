/**
 * @module Hands out node and sentinel ports inside the configured range. A port is used only when both it and
 * port + 10000 (the cluster bus) can be bound right now: other programs on the machine run Redis too.
 */
import { createServer } from 'node:net';

const REDIS_DEFAULT_PORT = 6379;
const BUS_OFFSET = 10_000;

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export class PortAllocator {
  private readonly inUse = new Set<number>();
  private cursor: number;

  constructor(private readonly range: [number, number]) {
    const [low, high] = range;
    if (!(low > 0 && high >= low && high + BUS_OFFSET <= 65_535)) {
      throw new Error(
        `Port range ${low}-${high} is unusable: it must be ascending and leave room for cluster bus ports (port + 10000 <= 65535), e.g. 20000-29999.`,
      );
    }
    this.cursor = low;
  }

  /** Reserves a free port (and its bus port); release() gives it back. */
  async allocate(): Promise<number> {
    const [low, high] = this.range;
    const size = high - low + 1;
    for (let tried = 0; tried < size; tried += 1) {
      const port = this.cursor;
      this.cursor = port >= high ? low : port + 1;
      if (port === REDIS_DEFAULT_PORT || port + BUS_OFFSET === REDIS_DEFAULT_PORT || this.inUse.has(port)) continue;
      this.inUse.add(port);
      if ((await canBind(port)) && (await canBind(port + BUS_OFFSET))) return port;
      this.inUse.delete(port);
    }
    throw new Error(
      `No free port left in ${low}-${high} (with port + 10000 free too). Delete unused sandboxes or widen CACHELAB_PORT_RANGE.`,
    );
  }

  release(port: number): void {
    this.inUse.delete(port);
  }

  get allocated(): number {
    return this.inUse.size;
  }
}
