/**
 * @module The users every sandbox process knows, each with its own random password: the platform's admin,
 * the replication link, the Sentinels, and the learner (whose password is fresh for each hand-out).
 */
import { newPassword } from '../ids.ts';
import type { Credentials } from '../model.ts';

export interface PlatformCredentials {
  admin: Credentials;
  /** masteruser/masterauth of replicas: PSYNC and nothing else. */
  replication: Credentials;
  /** Sentinels use it on data nodes and between themselves. */
  sentinel: Credentials;
  learner: Credentials;
}

export function newPlatformCredentials(): PlatformCredentials {
  return {
    admin: { username: 'cachelab-admin', password: newPassword() },
    replication: { username: 'cachelab-replication', password: newPassword() },
    sentinel: { username: 'cachelab-sentinel', password: newPassword() },
    learner: { username: 'learner', password: newPassword() },
  };
}
