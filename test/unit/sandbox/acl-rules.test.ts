/** The learner's ACL mirrors ElastiCache's restricted commands and keeps lesson diagnostics. */
import { describe, expect, it } from 'vitest';
import { learnerRules, nodeUserLines, RESTRICTED_COMMANDS } from '../../../sandbox/lockdown/acl-rules.ts';
import { newPlatformCredentials } from '../../../sandbox/lockdown/platform-credentials.ts';

describe('ACL rules', () => {
  it("denies every command on ElastiCache's restricted list after granting diagnostics", () => {
    const rules = learnerRules('pw');
    for (const command of ['bgrewriteaof', 'bgsave', 'config', 'debug', 'migrate', 'replicaof', 'save', 'slaveof', 'shutdown', 'sync']) {
      expect(RESTRICTED_COMMANDS).toContain(command);
      expect(rules.indexOf(`-${command}`)).toBeGreaterThan(rules.indexOf('+info'));
    }
    expect(rules).not.toContain('+config|get');
    expect(rules.slice(0, 6)).toEqual(['on', '>pw', '~*', '&*', '+@all', '-@dangerous']);
  });

  it('turns the default user off and gives every platform user its own password', () => {
    const creds = newPlatformCredentials();
    const lines = nodeUserLines(creds);
    expect(lines[0]).toMatch(/^user default off/);
    const passwords = [creds.admin, creds.replication, creds.sentinel, creds.learner].map((c) => c.password);
    expect(new Set(passwords).size).toBe(4);
    expect(lines.find((l) => l.includes(creds.replication.username))).toMatch(/-@all \+psync \+replconf \+ping$/);
  });
});

describe('aclTokens', () => {
  it('keeps selectors together when replaying ACL LIST lines', async () => {
    const { aclTokens } = await import('../../../sandbox/live-sandbox/node-settings.ts');
    expect(aclTokens('user bob on #abc ~* resetchannels -@all +get (+set ~app:*) (+publish &news)')).toEqual([
      'user', 'bob', 'on', '#abc', '~*', 'resetchannels', '-@all', '+get', '(+set ~app:*)', '(+publish &news)',
    ]);
  });
});
