/**
 * @module Samples every node of a sandbox from INFO every few seconds and keeps the last 15 minutes in memory for
 * charts. One INFO per node per period: cheap when idle.
 */
import { parseInfo } from '../processes/connect.ts';
import type { NodeMetrics } from '../model.ts';
import type { SandboxRuntime } from '../live-sandbox/sandbox-runtime.ts';
import { infoToMetrics, type InfoReading } from './info-to-metrics.ts';

export const METRICS_INTERVAL_MS = 5000;
const RETENTION_MS = 15 * 60_000;

export class MetricsCollector {
  private readonly samples: NodeMetrics[] = [];
  private readonly last = new Map<string, InfoReading>();
  private timer?: NodeJS.Timeout;
  /** Resident memory of each node at the last sample (the engine's memory budget uses it). */
  readonly rssBytes = new Map<string, number>();

  /**
   * `onLearnerConnected` fires when a sample finds a learner connection open on any node: terminals and lesson
   * clients talk to Redis directly, not through the HTTP API, and that use must count against the idle timeout.
   */
  constructor(
    private readonly rt: SandboxRuntime,
    private readonly onLearnerConnected: () => void = () => {},
    private readonly intervalMs = METRICS_INTERVAL_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    this.timer.unref();
  }

  async sample(): Promise<void> {
    const readings = new Map<string, InfoReading>();
    await Promise.all(
      [...this.rt.nodes.values()]
        .filter((n) => n.status === 'available' && n.client)
        .map(async (node) => {
          try {
            readings.set(node.name, { at: Date.now(), info: parseInfo(await node.client!.info()) });
            const clients = (await node.client!.call('CLIENT', 'LIST', 'TYPE', 'normal')) as string;
            if (clients.includes(` user=${this.rt.creds.learner.username} `)) this.onLearnerConnected();
          } catch {
            // Busy, stopped or restarting: no sample this period, as CloudWatch shows a gap.
          }
        }),
    );
    const lagByPort = new Map<number, number>();
    for (const { info } of readings.values()) {
      for (const [key, value] of Object.entries(info)) {
        if (!/^slave\d+$/.test(key)) continue;
        const port = Number(/port=(\d+)/.exec(value)?.[1]);
        lagByPort.set(port, Number(/lag=(\d+)/.exec(value)?.[1] ?? 0));
      }
    }
    for (const [name, reading] of readings) {
      const node = this.rt.nodes.get(name)!;
      this.samples.push(infoToMetrics(name, reading, this.last.get(name), lagByPort.get(node.port)));
      this.last.set(name, reading);
      this.rssBytes.set(name, Number(reading.info.used_memory_rss ?? 0));
    }
    const cutoff = new Date(Date.now() - RETENTION_MS).toISOString();
    while (this.samples.length > 0 && this.samples[0]!.time < cutoff) this.samples.shift();
  }

  list(): NodeMetrics[] {
    return [...this.samples];
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
