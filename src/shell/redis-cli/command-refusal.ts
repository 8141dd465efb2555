/**
 * @module Commands the lab's redis-cli refuses before sending: HELLO 3 (the formatter speaks RESP2, so a RESP3
 * session would print differently from redis-cli) and logins as the platform's own users (defence in depth:
 * their passwords are never shown, and guessing them is not a lesson). Host/port arguments are policed in
 * policy/host-arguments.ts.
 */

/** The engine names its admin, replication and Sentinel users with this prefix (sandbox/lockdown). */
const PLATFORM_USER_PREFIX = 'cachelab-';

export function isPlatformUser(username: string): boolean {
  return username.toLowerCase().startsWith(PLATFORM_USER_PREFIX);
}

export function platformUserRefusal(username: string): string {
  return `Login as "${username}" refused: that is one of the platform's own users; use your learner user (see lab status)`;
}

export function commandRefusal(words: readonly string[]): string | undefined {
  const name = words[0]?.toLowerCase();
  if (name === 'hello' && words[1] !== undefined && /^\d+$/.test(words[1]) && Number(words[1]) !== 2) {
    return Number(words[1]) === 3
      ? 'HELLO 3 refused: the lab shell speaks RESP2 only; use HELLO 2 (optionally with AUTH <user> <password>) or plain AUTH'
      : `HELLO ${words[1]} refused: only protocol version 2 is available in the lab shell`;
  }
  if (name === 'auth' && words.length === 3 && isPlatformUser(words[1]!)) return platformUserRefusal(words[1]!);
  if (name === 'hello') {
    const auth = words.findIndex((w, i) => i > 0 && w.toLowerCase() === 'auth');
    if (auth > 0 && words[auth + 1] !== undefined && isPlatformUser(words[auth + 1]!)) return platformUserRefusal(words[auth + 1]!);
  }
  return undefined;
}
