/**
 * @module Kills runaway scripts. With busy-reply-threshold at 1 s a looping script makes the node answer BUSY;
 * when the platform sees that it sends SCRIPT KILL and FUNCTION KILL as admin. A script that already wrote cannot
 * be killed that way (UNKILLABLE); then the node is shut down without saving and the caller restarts it.
 */
import type { Redis } from 'ioredis';

export type WatchdogOutcome = 'killed' | 'needs-restart' | 'not-busy';

export function isBusyError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('BUSY');
}

export async function killRunawayScript(client: Redis): Promise<WatchdogOutcome> {
  let unkillable = false;
  for (const command of [['SCRIPT', 'KILL'], ['FUNCTION', 'KILL']] as const) {
    try {
      await client.call(command[0], command[1]);
      return 'killed';
    } catch (error) {
      if ((error as Error).message.startsWith('UNKILLABLE')) unkillable = true;
    }
  }
  if (!unkillable) return 'not-busy';
  try {
    await client.call('SHUTDOWN', 'NOSAVE');
  } catch {
    // The connection drops as the node exits: that is the expected answer.
  }
  return 'needs-restart';
}
