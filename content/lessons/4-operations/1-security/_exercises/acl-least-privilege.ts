/**
 * @module Exercise acl-least-privilege: an application user limited to the commands and keys it needs, created the
 * ElastiCache way (`lab user create`, since ACL SETUSER is restricted). The check connects as that user with a
 * temporary extra password (removed afterwards) and uses ACL DRYRUN for commands too destructive to try for real.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { errorOf, fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { deleteLearnerUsers } from '../../../../../src/exercises/lab-user-command.ts';

const USER = 'orders-app';
const APP_KEY = 'app:cart:42';
const ADMIN_KEY = 'admin:api-token';

/** ACL DRYRUN answers OK, or (as a reply or an error, depending on the version) why the user may not run it. */
async function dryRun(admin: Redis, ...command: string[]): Promise<string | undefined> {
  try {
    const reply = String(await admin.call('ACL', 'DRYRUN', USER, ...command));
    return reply === 'OK' ? undefined : reply;
  } catch (error) {
    return (error as Error).message;
  }
}

async function probeAsUser(admin: Redis, checks: Condition[]): Promise<void> {
  const password = randomBytes(16).toString('hex');
  await admin.call('ACL', 'SETUSER', USER, `>${password}`);
  const app = admin.duplicate({ username: USER, password, lazyConnect: true, enableReadyCheck: false, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  app.on('error', () => {});
  try {
    await app.connect();
    const probeKey = `app:check:${randomBytes(4).toString('hex')}`;
    const setError = await errorOf(() => app.set(probeKey, 'ok', 'EX', 60));
    const getError = await errorOf(() => app.get(APP_KEY));
    await admin.del(probeKey);
    checks.push(
      setError === undefined && getError === undefined
        ? pass(`${USER} can read and write app:* keys`, `${USER} can SET and GET keys under app:*.`)
        : fail(
            `${USER} can read and write app:* keys`,
            setError
              ? `${USER} cannot SET ${probeKey}: ${setError}. The application writes its keys, so grant +set (or +@write) on ~app:*.`
              : `${USER} cannot GET ${APP_KEY}: ${getError}. Grant +get (or +@read) on ~app:*.`,
          ),
    );
    const adminRead = await errorOf(() => app.get(ADMIN_KEY));
    checks.push(
      adminRead?.startsWith('NOPERM')
        ? pass(`${USER} cannot read admin:* keys`, `${USER} gets NOPERM on \`${ADMIN_KEY}\`.`)
        : fail(`${USER} cannot read admin:* keys`, `${USER} can read \`${ADMIN_KEY}\`: limit its key patterns to ~app:* (a ~* pattern reaches every key).`),
    );
  } catch (error) {
    checks.push(fail(`${USER} can log in`, `The check could not log in as ${USER}: ${(error as Error).message}`));
  } finally {
    app.disconnect();
    await admin.call('ACL', 'SETUSER', USER, `<${password}`);
  }
}

export default defineExercise({
  id: 'acl-least-privilege',
  title: 'RBAC: a least-privilege application user',
  lesson: '4-operations/1-security',
  spec: { topology: 'single' },
  points: 20,
  hints: [
    'Users are managed by the platform, as on ElastiCache: `lab user create <name> <access string>` (like aws elasticache create-user). `lab user list` shows yours.',
    'An access string starts with `on`, then key patterns (`~app:*`), then commands. A new user has no commands until you add them.',
    '`+@write` contains FLUSHALL and FLUSHDB, which have no key argument, so a key pattern does not stop them. Finish with `-@dangerous`, or grant single commands such as `+get +set`.',
    'Made a mistake? `lab user modify orders-app <new access string>` replaces the rules and keeps the password.',
  ],
  solution: `\`\`\`text
lab user create orders-app on ~app:* -@all +@read +@write -@dangerous
lab user list
\`\`\`

Rules apply left to right: \`~app:*\` limits keys, \`+@read +@write\` adds the data commands, and the final \`-@dangerous\` takes back
FLUSHALL, FLUSHDB, KEYS and the like that \`+@write\` brought in. Listing single commands works too, e.g.
\`on ~app:* +get +set +del +expire\`. On AWS the same access string goes into \`aws elasticache create-user --access-string ...\`, with the
password passed separately and the user added to a user group attached to the cache.`,

  async setup({ admin, sandbox }) {
    await deleteLearnerUsers(sandbox);
    const client = admin();
    await client.set(APP_KEY, '3 items');
    await client.set(ADMIN_KEY, 'tok-8c1f-not-for-apps');
  },

  async check({ admin }) {
    const client = admin();
    const user = (await client.call('ACL', 'GETUSER', USER)) as unknown[] | null;
    if (!user) {
      return [fail(`user ${USER} exists`, `There is no user \`${USER}\`. Create it with lab user create ${USER} <access string>.`)];
    }
    const flags = (user[user.indexOf('flags') + 1] as string[] | undefined) ?? [];
    const checks: Condition[] = [pass(`user ${USER} exists`, `User \`${USER}\` exists.`)];
    if (!flags.includes('on')) {
      checks.push(fail(`${USER} is enabled`, `\`${USER}\` is off, so the application cannot log in. Start its access string with on (lab user modify ${USER} on ...).`));
      return checks;
    }
    checks.push(pass(`${USER} is enabled`, `\`${USER}\` is on.`));
    await probeAsUser(client, checks);
    const adminWrite = await dryRun(client, 'SET', 'admin:api-token', 'x');
    checks.push(
      adminWrite
        ? pass(`${USER} cannot write admin:* keys`, `${USER} may not write \`admin:*\` keys.`)
        : fail(`${USER} cannot write admin:* keys`, `${USER} may overwrite \`${ADMIN_KEY}\`: limit its key patterns to ~app:*.`),
    );
    const flushes = [];
    for (const command of ['FLUSHALL', 'FLUSHDB']) if (!(await dryRun(client, command))) flushes.push(command);
    checks.push(
      flushes.length === 0
        ? pass(`${USER} cannot flush the cache`, `${USER} may not run FLUSHALL or FLUSHDB.`)
        : fail(
            `${USER} cannot flush the cache`,
            `${USER} may run ${flushes.join(' and ')}, which delete every key whatever the key patterns say. Remove them: end the access string with -@dangerous, or grant only the commands the app needs.`,
          ),
    );
    return checks;
  },

  examples: {
    correct: [
      ['lab user create orders-app on ~app:* -@all +@read +@write -@dangerous', 'lab user list'],
      [
        'lab user create orders-app on ~* +@all',
        'lab user modify orders-app on ~app:* +get +set +del +expire +ttl',
        'redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning',
        'ACL WHOAMI',
      ],
      ['lab user create orders-app on %R~app:* %W~app:* +@string +@keyspace -@dangerous'],
    ],
    mistakes: [
      { lines: ['lab user create orders-app on ~* +@all -@dangerous'], expect: /can read `admin:api-token`: limit its key patterns to ~app:\*/ },
      { lines: ['lab user create orders-app on ~app:* +@all'], expect: /may run FLUSHALL and FLUSHDB/ },
      { lines: ['lab user create orders-app on ~app:* -@all +@read'], expect: /cannot SET app:check:[0-9a-f]+: NOPERM/ },
      { lines: ['lab user create orders-app off ~app:* +@read +@write -@dangerous'], expect: /`orders-app` is off/ },
      { lines: ['lab user create orders-app on nopass ~app:* +@read +@write -@dangerous'], expect: /There is no user `orders-app`/ },
    ],
  },
});
