/**
 * @module Reads a sandbox's DescribeEvents-style log as a timeline: which node failed when, which failovers
 * completed, and whether a node was frozen (SIGSTOP) at a given moment. Messages are the engine's own wording.
 */
import type { SandboxEvent } from '../../../sandbox/model.ts';

export interface Failure {
  node: string;
  time: number;
}

const ms = (event: SandboxEvent) => Date.parse(event.time);

export function eventsSince(events: SandboxEvent[], sinceMs: number): SandboxEvent[] {
  return events.filter((e) => ms(e) >= sinceMs);
}

/** Nodes that failed (killed, including by TestFailover), oldest first. */
export function failures(events: SandboxEvent[]): Failure[] {
  return events.flatMap((e) => {
    const match = /^Cache node (\S+) failed/.exec(e.message);
    return match ? [{ node: match[1]!, time: ms(e) }] : [];
  });
}

/** Completed failovers: the node promoted and when. */
export function completedFailovers(events: SandboxEvent[]): Failure[] {
  return events.flatMap((e) => {
    const match = /^Failover to replica node (\S+) completed/.exec(e.message);
    return match ? [{ node: match[1]!, time: ms(e) }] : [];
  });
}

export function snapshotsTaken(events: SandboxEvent[]): { id: string; time: number }[] {
  return events.flatMap((e) => {
    const match = /^Snapshot succeeded for snapshot with ID '([^']+)'/.exec(e.message);
    return match ? [{ id: match[1]!, time: ms(e) }] : [];
  });
}

/** True when `node` was frozen with SIGSTOP at `atMs` (its last stop/resume/restart event before then was a stop). */
export function wasStoppedAt(events: SandboxEvent[], node: string, atMs: number): boolean {
  let stopped = false;
  for (const e of events) {
    if (ms(e) > atMs || e.sourceId !== node) continue;
    if (e.message.startsWith(`Cache node ${node} stopped`)) stopped = true;
    else if (e.message.startsWith(`Cache node ${node} resumed`) || e.message.startsWith(`Cache node ${node} restarted`)) stopped = false;
  }
  return stopped;
}

export function clock(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(11, 23);
}
