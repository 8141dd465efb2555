/** @module Guided exercise first-commands: store a first key and read the engine version from INFO server. */
import { expectType, fail, infoField, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

export default defineExercise({
  id: 'first-commands',
  title: 'Your first commands',
  lesson: '1-foundations/1-what-is-elasticache',
  spec: { topology: 'single' },
  points: 10,
  hints: [
    'At the `$` prompt you talk to your sandbox as your own ACL user: `SET greeting "hello from cachelab"` stores a string, `GET greeting` reads it back.',
    '`INFO server` lists facts about the engine; the line `redis_version:` holds the version. Store just that value: `SET answer:version <version>`.',
  ],
  solution: `\`\`\`text
SET greeting "hello from cachelab"
GET greeting
INFO server
SET answer:version 7.0.15
\`\`\`

Use the exact \`redis_version\` your sandbox prints. On ElastiCache you choose the engine (Valkey or Redis OSS) and its version when you
create the cluster; \`INFO server\` is how a client confirms what it is talking to.`,

  async setup({ admin }) {
    await admin().del('greeting', 'answer:version');
  },

  async check({ admin }) {
    const client = admin();
    const checks: Condition[] = [];
    const type = await expectType(client, 'greeting', 'string', 'Create it with SET greeting "hello from cachelab".');
    if (!type.passed) checks.push(type);
    else {
      const value = (await client.get('greeting')) ?? '';
      checks.push(
        value.trim() !== ''
          ? pass('`greeting` is a string', `greeting = ${JSON.stringify(value)}.`)
          : fail('`greeting` is a string', 'greeting is an empty string; store some text, e.g. SET greeting "hello from cachelab".'),
      );
    }
    const version = (await infoField(client, 'server', 'redis_version')) ?? '';
    const answer = await client.get('answer:version');
    if (answer === null) {
      checks.push(fail('`answer:version` holds the engine version', 'answer:version does not exist. Find redis_version in INFO server and store it: SET answer:version <version>.'));
    } else if (answer.trim() === version) {
      checks.push(pass('`answer:version` holds the engine version', `answer:version = ${version}, the version INFO server reports.`));
    } else {
      checks.push(fail('`answer:version` holds the engine version', `answer:version is ${JSON.stringify(answer)}; INFO server's redis_version line says something else. Copy the value after "redis_version:" exactly.`));
    }
    return checks;
  },

  examples: {
    correct: [
      ['PING', 'SET greeting "hello from cachelab"', 'GET greeting', 'INFO server', 'SET answer:version {{re:redis_version:([\\d.]+)}}'],
      ['redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning SET greeting hi', 'INFO', 'SET answer:version {{re:redis_version:([\\d.]+)}}'],
    ],
    mistakes: [
      { lines: ['INFO server', 'SET answer:version {{re:redis_version:([\\d.]+)}}'], expect: /expected `greeting` to be a string; it does not exist/ },
      { lines: ['LPUSH greeting hello', 'INFO server', 'SET answer:version {{re:redis_version:([\\d.]+)}}'], expect: /expected `greeting` to be a string; it is a list/ },
      { lines: ['SET greeting hello', 'INFO server', 'SET answer:version {{re:redis_git_sha1:(\\w+)}}'], expect: /answer:version is "0+"; INFO server's redis_version line says something else/ },
    ],
  },
});
