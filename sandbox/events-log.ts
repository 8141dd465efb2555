/** @module A sandbox's events, worded like ElastiCache's DescribeEvents, newest last. */
import type { SandboxEvent } from './model.ts';

const MAX_EVENTS = 500;

export class EventsLog {
  private readonly entries: SandboxEvent[] = [];

  add(sourceType: SandboxEvent['sourceType'], sourceId: string, message: string): SandboxEvent {
    const event: SandboxEvent = { time: new Date().toISOString(), sourceType, sourceId, message };
    this.entries.push(event);
    if (this.entries.length > MAX_EVENTS) this.entries.shift();
    return event;
  }

  list(): SandboxEvent[] {
    return [...this.entries];
  }

  /** Events added since a given count: what one operation produced. */
  since(count: number): SandboxEvent[] {
    return this.entries.slice(count);
  }

  get size(): number {
    return this.entries.length;
  }
}
