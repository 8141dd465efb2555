/**
 * @module Exercise pubsub-notify: publish the right message on the right channel while a platform subscriber listens.
 * Pub/Sub stores nothing, so the final state cannot show a message: the exercise's listener (an admin connection
 * subscribed to both channels from setup on) records what it heard, and the check reads that record.
 */
import type { Redis } from 'ioredis';
import { fail, pass, typeWord } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition, ExerciseListener } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

const USER_CHANNEL = 'notifications:user:42';
const USER_MESSAGE = 'Your order 5001 has shipped';
const INVALIDATE_CHANNEL = 'cache:invalidate';
const INVALIDATE_MESSAGE = 'product:1001';
const MAX_RECORDED = 200;

interface HeardMessage {
  channel: string;
  message: string;
}

/** The platform's subscriber: what it heard since setup, and whether its connection is still subscribed. */
export interface SubscriberRecord extends ExerciseListener {
  heard: HeardMessage[];
  connected(): boolean;
  /** Resolves once every message published before the call has reached the subscriber (a PING round trip). */
  flush(): Promise<void>;
}

async function startSubscriber(admin: Redis, channels: string[]): Promise<SubscriberRecord> {
  // A bounded reconnect: if the sandbox is deleted behind the service's back, the subscriber gives up.
  const client = admin.duplicate({ retryStrategy: (attempt: number) => (attempt > 5 ? null : attempt * 200), connectionName: 'push-worker' });
  admin.disconnect();
  client.on('error', () => {});
  const heard: HeardMessage[] = [];
  client.on('message', (channel: string, message: string) => {
    if (heard.length < MAX_RECORDED) heard.push({ channel, message });
  });
  await client.subscribe(...channels);
  return {
    heard,
    connected: () => client.status === 'ready',
    // The server answers the PING after the messages already queued for this connection, so they arrive first.
    flush: async () => {
      await client.ping();
    },
    dispose: () => client.disconnect(),
  };
}

function describeHeard(messages: HeardMessage[], channel: string): string {
  const texts = messages.filter((m) => m.channel === channel).map((m) => JSON.stringify(m.message));
  return texts.length === 1 ? texts[0]! : `${texts.length} messages (${texts.slice(-3).join(', ')})`;
}

async function channelCondition(
  admin: Redis,
  record: SubscriberRecord,
  channel: string,
  expected: string,
  name: string,
  wrongHint: string,
): Promise<Condition> {
  const onChannel = record.heard.filter((m) => m.channel === channel);
  if (onChannel.some((m) => m.message === expected)) return pass(name, `The subscriber on \`${channel}\` received ${JSON.stringify(expected)}.`);
  if (onChannel.length > 0) {
    return fail(name, `The subscriber on \`${channel}\` received ${describeHeard(record.heard, channel)}; expected exactly ${JSON.stringify(expected)}. ${wrongHint}`);
  }
  const keyType = await admin.type(channel);
  if (keyType !== 'none') {
    return fail(
      name,
      `\`${channel}\` is a key (${typeWord(keyType)}): storing a message notifies nobody. Pub/Sub channels are not keys; PUBLISH ${channel} "<message>" delivers it to the subscribers.`,
    );
  }
  return fail(
    name,
    `Nothing was published on \`${channel}\` since the exercise started. PUBLISH answers how many subscribers received the message: 0 means the channel name is not the one they listen on.`,
  );
}

export default defineExercise({
  id: 'pubsub-notify',
  title: 'Pub/Sub: notify a user and invalidate a cache entry',
  lesson: '1-foundations/3-data-structures',
  spec: { topology: 'single' },
  points: 10,
  hints: [
    'See who is listening first: `PUBSUB CHANNELS` lists channels with subscribers, and `PUBSUB NUMSUB notifications:user:42` counts them.',
    'PUBLISH takes the channel, then one message argument. Put a message with spaces in double quotes, or the words become extra arguments.',
    'A published message is delivered once to current subscribers and then forgotten. A key with the same name (SET, LPUSH) is something else entirely, and nobody is notified of it.',
    'PUBLISH answers how many subscribers received the message. If you see 0, compare your channel name with the one PUBSUB CHANNELS shows.',
  ],
  solution: `\`\`\`text
PUBSUB NUMSUB notifications:user:42 cache:invalidate
PUBLISH notifications:user:42 "Your order 5001 has shipped"
PUBLISH cache:invalidate product:1001
\`\`\`

Each PUBLISH answers 1: the platform's push worker was subscribed and received the message. Nothing is stored, so a subscriber
that connects later never sees these messages. For events that must not be lost, use a stream instead.`,

  async setup({ admin }) {
    await admin().del(USER_CHANNEL, INVALIDATE_CHANNEL);
  },

  async listen(sandbox) {
    return startSubscriber(sandbox.adminClient('primary'), [USER_CHANNEL, INVALIDATE_CHANNEL]);
  },

  async check({ admin, listener }) {
    const record = listener as SubscriberRecord | undefined;
    if (!record?.connected()) {
      return [
        fail(
          "the platform's subscriber is listening",
          "The platform's subscriber is not running (the platform restarted, or the node was restarted), so it cannot have heard your messages. Run `lab reset`, then publish again.",
        ),
      ];
    }
    await record.flush();
    const client = admin();
    return [
      await channelCondition(client, record, USER_CHANNEL, USER_MESSAGE, 'user 42 was notified', 'Quote the whole sentence so it is one argument.'),
      await channelCondition(
        client,
        record,
        INVALIDATE_CHANNEL,
        INVALIDATE_MESSAGE,
        'the cache entry was invalidated',
        'The app servers delete the key named in the message, so send the full key name.',
      ),
    ];
  },

  examples: {
    correct: [
      ['PUBSUB NUMSUB notifications:user:42 cache:invalidate', 'PUBLISH notifications:user:42 "Your order 5001 has shipped"', 'PUBLISH cache:invalidate product:1001'],
      [
        'PUBSUB CHANNELS',
        'PUBLISH cache:invalidate product:1001',
        "PUBLISH notifications:user:42 'Your order has shipped'",
        "PUBLISH notifications:user:42 'Your order 5001 has shipped'",
      ],
    ],
    mistakes: [
      {
        lines: ['SET notifications:user:42 "Your order 5001 has shipped"', 'PUBLISH cache:invalidate product:1001'],
        expect: /`notifications:user:42` is a key \(a string\): storing a message notifies nobody/,
      },
      {
        lines: ['PUBLISH notification:user:42 "Your order 5001 has shipped"', 'PUBLISH cache:invalidate product:1001'],
        expect: /Nothing was published on `notifications:user:42`/,
      },
      {
        lines: ['PUBLISH notifications:user:42 "Your order 5001 has shipped"', 'PUBLISH cache:invalidate 1001'],
        expect: /received "1001"; expected exactly "product:1001"/,
      },
    ],
  },
});
