/** @module Guided exercise explore-endpoints: connect through the primary and the reader endpoint and record which node answered. */
import { fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';
import { healSandbox } from '../../../../../src/exercises/support/heal-sandbox.ts';

export default defineExercise({
  id: 'explore-endpoints',
  title: 'Which node answers on each endpoint?',
  lesson: '1-foundations/2-deployment-architectures',
  spec: { topology: 'replication', replicas: 2 },
  points: 10,
  hints: [
    'Every node listens on its own port, and `INFO server` prints it as `tcp_port:`. `CLIENT INFO` shows it too, as the port in `laddr=`.',
    'Ask through each endpoint: `redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning INFO server`, then the same with `-h $READER`. Store the two ports: `SET answer:primary-port <port>` and `SET answer:reader-port <port>`.',
  ],
  solution: `\`\`\`text
redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning INFO server
redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning INFO server
SET answer:primary-port 40001
SET answer:reader-port 40002
\`\`\`

(Use the \`tcp_port\` values your sandbox prints.) The primary endpoint always leads to the node that accepts writes; the reader endpoint
hands out the replicas in turn, so asking it again may give the other replica's port. \`lab status\` confirms which node owns each port.`,

  async setup({ sandbox, admin }) {
    await healSandbox(sandbox);
    await admin().del('answer:primary-port', 'answer:reader-port');
  },

  async check({ sandbox, admin }) {
    const client = admin();
    const checks: Condition[] = [];
    const d = sandbox.describe();
    const primary = d.nodes.find((n) => n.name === d.nodeGroups[0]?.primary);
    const replicas = d.nodes.filter((n) => n.role === 'replica');
    const nodeAt = (port: number) => d.nodes.find((n) => n.port === port);

    const primaryPort = await client.get('answer:primary-port');
    if (primaryPort === null) {
      checks.push(fail('`answer:primary-port` is the primary\'s port', 'answer:primary-port does not exist. Run INFO server through -h $PRIMARY and store its tcp_port.'));
    } else if (Number(primaryPort) === primary?.port) {
      checks.push(pass('`answer:primary-port` is the primary\'s port', `${primaryPort} is ${primary.name}, the primary: the primary endpoint led there.`));
    } else {
      const other = nodeAt(Number(primaryPort));
      checks.push(
        fail(
          '`answer:primary-port` is the primary\'s port',
          other
            ? `${primaryPort} is ${other.name}, a ${other.role}; the primary endpoint leads to the primary. Ask through -h $PRIMARY.`
            : `${JSON.stringify(primaryPort)} is not the port of any node in your sandbox; copy tcp_port from INFO server run through -h $PRIMARY.`,
        ),
      );
    }

    const readerPort = await client.get('answer:reader-port');
    const reader = readerPort === null ? undefined : nodeAt(Number(readerPort));
    if (readerPort === null) {
      checks.push(fail('`answer:reader-port` is a replica\'s port', 'answer:reader-port does not exist. Run INFO server through -h $READER and store its tcp_port.'));
    } else if (reader && replicas.includes(reader)) {
      checks.push(pass('`answer:reader-port` is a replica\'s port', `${readerPort} is ${reader.name}, a replica: the reader endpoint spreads reads over the replicas.`));
    } else if (reader) {
      checks.push(fail('`answer:reader-port` is a replica\'s port', `${readerPort} is ${reader.name}, the primary. The reader endpoint hands out replicas: ask through -h $READER, not $PRIMARY.`));
    } else {
      checks.push(fail('`answer:reader-port` is a replica\'s port', `${JSON.stringify(readerPort)} is not the port of any node in your sandbox; copy tcp_port from INFO server run through -h $READER.`));
    }
    return checks;
  },

  examples: {
    correct: [
      [
        'redis-cli -h $PRIMARY --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning INFO server',
        'SET answer:primary-port {{re:tcp_port:(\\d+)}}',
        'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning INFO server',
        'SET answer:reader-port {{re:tcp_port:(\\d+)}}',
      ],
      [
        'CLIENT INFO',
        'SET answer:primary-port {{re:laddr=[\\d.]+:(\\d+)}}',
        'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning CLIENT INFO',
        'SET answer:reader-port {{re:laddr=[\\d.]+:(\\d+)}}',
      ],
    ],
    mistakes: [
      {
        lines: ['INFO server', 'SET answer:primary-port {{re:tcp_port:(\\d+)}}', 'SET answer:reader-port {{re:tcp_port:(\\d+)}}'],
        expect: /is \S+, the primary\. The reader endpoint hands out replicas/,
      },
      {
        lines: ['redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning INFO server', 'SET answer:reader-port {{re:tcp_port:(\\d+)}}'],
        expect: /answer:primary-port does not exist/,
      },
      {
        lines: [
          'redis-cli -h $READER --user $REDIS_USER --pass $REDIS_PASS --no-auth-warning INFO server',
          'SET answer:primary-port {{re:tcp_port:(\\d+)}}',
          'SET answer:reader-port {{re:tcp_port:(\\d+)}}',
        ],
        expect: /is \S+, a replica; the primary endpoint leads to the primary/,
      },
    ],
  },
});
