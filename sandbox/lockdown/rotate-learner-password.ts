/**
 * @module Gives the learner user a fresh password on every node and Sentinel of a sandbox (warm-pool hand-out), and
 * drops any connection the old password had opened.
 */
import { newPassword } from '../ids.ts';
import type { SandboxRuntime } from '../live-sandbox/sandbox-runtime.ts';
import { withConnection } from '../processes/connect.ts';
import { learnerRules, sentinelLearnerRules } from './acl-rules.ts';

export async function rotateLearnerPassword(rt: SandboxRuntime): Promise<void> {
  const password = newPassword();
  const { username } = rt.creds.learner;
  await Promise.all([
    ...[...rt.nodes.values()].map((n) => n.client!.call('ACL', 'SETUSER', username, 'reset', ...learnerRules(password))),
    ...rt.sentinels.map((s) =>
      withConnection(s.port, rt.creds.admin, (c) => c.call('ACL', 'SETUSER', username, 'reset', ...sentinelLearnerRules(password))),
    ),
  ]);
  // Nobody should hold the pool's password, but if anything connected with it, it must not outlive the hand-out.
  await Promise.all([...rt.nodes.values()].map((n) => n.client!.call('CLIENT', 'KILL', 'USER', username).catch(() => {})));
  rt.creds.learner = { username, password };
}
