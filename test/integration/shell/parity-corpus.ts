/**
 * @module The commands the parity test runs through the real redis-cli and through the lab shell. Every reply
 * type appears (status, error, integer, bulk, nil, empty and nested arrays, errors inside arrays), plus
 * escaping, --raw, the verbatim-printed commands, interactive-only behaviour and cluster redirects.
 * Each list runs in order from an empty database, so results are deterministic.
 */

/** A one-shot `redis-cli [flags] <args>` (the learner's credentials are added unless `noAuth`). */
export interface OneShotCase {
  args: string[];
  raw?: boolean;
  noAuth?: boolean;
}

const value = (args: string[], raw = false): OneShotCase => ({ args, raw });

/** One-shot commands against a cluster-mode-disabled sandbox. */
export const singleOneShot: OneShotCase[] = [
  { args: ['PING'], noAuth: true },
  { args: ['GET', 'k'], noAuth: true },
  value(['PING']),
  value(['PING', 'hello world']),
  value(['ECHO', '']),
  value(['SET', 'greeting', 'hello']),
  value(['GET', 'greeting']),
  value(['GET', 'missing']),
  value(['SET', 'euro', '€ and ünïcödé']),
  value(['GET', 'euro']),
  value(['SET', 'tricky', 'quote " backslash \\ tab \t newline \n cr \r bell \u0007 bs \b esc \u001b[31m']),
  value(['GET', 'tricky']),
  value(['STRLEN', 'tricky']),
  value(['APPEND', 'greeting', ' world']),
  value(['GETRANGE', 'greeting', '0', '4']),
  value(['SETRANGE', 'greeting', '6', 'WORLD']),
  value(['INCR', 'counter']),
  value(['INCRBY', 'counter', '41']),
  value(['DECR', 'counter']),
  value(['INCRBYFLOAT', 'float', '10.5']),
  value(['INCR', 'greeting']),
  value(['TYPE', 'greeting']),
  value(['TYPE', 'missing']),
  value(['EXISTS', 'greeting', 'missing', 'counter']),
  value(['EXPIRE', 'greeting', '1000']),
  value(['TTL', 'greeting']),
  value(['PERSIST', 'greeting']),
  value(['TTL', 'greeting']),
  value(['RPUSH', 'list', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']),
  value(['LRANGE', 'list', '0', '-1']),
  value(['LRANGE', 'list', '0', '2']),
  value(['LRANGE', 'nolist', '0', '-1']),
  value(['LPOP', 'nolist']),
  value(['LPOS', 'list', 'c']),
  value(['LINDEX', 'list', '100']),
  value(['HSET', 'user:1', 'name', 'Ada', 'lang', 'en', 'visits', '3']),
  value(['HGET', 'user:1', 'name']),
  value(['HGETALL', 'user:1']),
  value(['HGETALL', 'nohash']),
  value(['HMGET', 'user:1', 'name', 'nope', 'lang']),
  value(['HINCRBYFLOAT', 'user:1', 'visits', '0.25']),
  value(['SADD', 'set', '1', '2', '3']),
  value(['SMEMBERS', 'set']),
  value(['SISMEMBER', 'set', '4']),
  value(['ZADD', 'board', '1.5', 'ann', '2', 'bob', '10', 'cy']),
  value(['ZRANGE', 'board', '0', '-1', 'WITHSCORES']),
  value(['ZSCORE', 'board', 'ann']),
  value(['ZRANK', 'board', 'nobody']),
  value(['MGET', 'counter', 'missing', 'euro']),
  value(['XADD', 'stream', '1-1', 'temp', '20', 'unit', 'C']),
  value(['XADD', 'stream', '2-1', 'temp', '21']),
  value(['XRANGE', 'stream', '-', '+']),
  value(['XREAD', 'COUNT', '10', 'STREAMS', 'stream', '0']),
  value(['XREAD', 'COUNT', '10', 'STREAMS', 'stream', '$']),
  value(['GEOADD', 'geo', '13.361389', '38.115556', 'Palermo']),
  value(['GEOPOS', 'geo', 'Palermo', 'Nowhere']),
  value(['BITFIELD', 'bits', 'SET', 'u8', '0', '255', 'GET', 'u8', '0', 'INCRBY', 'u8', '0', '10']),
  value(['DUMP', 'counter']),
  value(['SCAN', '0', 'MATCH', 'user:*', 'COUNT', '1000']),
  value(['EVAL', 'return {1, "two", {3, {}}, false, true, redis.status_reply("FINE")}', '0']),
  value(['EVAL', 'return redis.error_reply("MY custom error")', '0']),
  value(['EVAL', 'return {1,2,3,4,5,6,7,8,9,10,11,{12,{13}}}', '0']),
  value(['BLPOP', 'nolist', '0.01']),
  value(['OBJECT', 'HELP']),
  value(['COMMAND', 'INFO', 'GET']),
  value(['COMMAND', 'DOCS', 'ECHO']),
  value(['CLUSTER', 'INFO']),
  value(['MEMORY', 'DOCTOR']),
  value(['LATENCY', 'DOCTOR']),
  value(['NOSUCHCOMMAND', 'x']),
  value(['GET']),
  value(['LPUSH', 'greeting', 'x']),
  value(['SET', 'k', 'v', 'BOGUS']),
  // CONFIG GET is answered by the platform (config-get.test.ts compares it with redis-cli run as admin); SET stays refused.
  value(['CONFIG', 'SET', 'maxmemory', '1mb']),
  value(['SELECT', '99']),
  value(['GET', 'greeting'], true),
  value(['GET', 'missing'], true),
  value(['INCR', 'counter'], true),
  value(['LRANGE', 'list', '0', '3'], true),
  value(['HGETALL', 'user:1'], true),
  value(['LRANGE', 'nolist', '0', '-1'], true),
  value(['EVAL', 'return {1, {2, "x"}, redis.status_reply("OK")}', '0'], true),
  value(['NOSUCHCOMMAND'], true),
  value(['SET', 'greeting', 'raw'], true),
];

/** Lines typed into one interactive redis-cli session (redis-cli's own quoting rules apply). */
export const singleInteractive: string[] = [
  'SET plain "a\\x41\\n\\tb"',
  'GET plain',
  "SET single 'it\\'s'",
  'GET single',
  'SET bad "unterminated',
  'SET bad "closed"x',
  'SELECT 2',
  'SET indb2 yes',
  'GET indb2',
  '3 INCR n',
  'MULTI',
  'SET s text',
  'INCR s',
  'GET s',
  'EXEC',
  'SELECT 0',
  'GET indb2',
  '',
  'CLIENT SETNAME parity',
  'CLIENT GETNAME',
  'AUTH learner wrong-password',
  'PING',
];

/** One-shot commands against a cluster-mode-enabled sandbox, with and without -c. */
export const clusterOneShot: { args: string[]; cluster: boolean }[] = [
  { args: ['SET', 'a', '1'], cluster: false },
  { args: ['SET', 'a', '1'], cluster: true },
  { args: ['GET', 'a'], cluster: true },
  { args: ['GET', 'a'], cluster: false },
  { args: ['CLUSTER', 'KEYSLOT', 'a'], cluster: false },
  { args: ['CLUSTER', 'KEYSLOT', '{user:1}:cart'], cluster: false },
  { args: ['SELECT', '1'], cluster: true },
  { args: ['MSET', 'a', '1', 'b', '2'], cluster: true },
];

/** An interactive -c session: redirects, prompt changes, hash tags, MOVED-free commands. */
export const clusterInteractive: string[] = [
  'SET a 1',
  'GET a',
  'SET b 2',
  'SET c 3',
  'GET b',
  'SET {user:1}:name Ada',
  'SET {user:1}:lang en',
  'MGET {user:1}:name {user:1}:lang',
  'GET c',
  'CLUSTER KEYSLOT b',
  'DEL a b c',
];

/** Streaming commands: run, publish while they listen, then Ctrl-C. */
export interface StreamingCase {
  name: string;
  args: string[];
  raw?: boolean;
  cluster?: boolean;
  /** Printed once the subscription is confirmed. */
  ready: string;
  /** Commands sent from another client while it listens. */
  publish: string[][];
  /** Printed once the last published message arrived. */
  done: string;
}

export const streamingCases: StreamingCase[] = [
  {
    name: 'SUBSCRIBE to two channels',
    args: ['SUBSCRIBE', 'news', 'sport'],
    ready: '3) (integer) 2\n',
    publish: [['PUBLISH', 'news', 'hello\nworld'], ['PUBLISH', 'sport', '€ "goal"']],
    done: '\\"goal\\""\n',
  },
  {
    name: 'PSUBSCRIBE',
    args: ['PSUBSCRIBE', 'n*'],
    ready: '3) (integer) 1\n',
    publish: [['PUBLISH', 'news', 'hi']],
    done: '4) "hi"\n',
  },
  {
    name: 'SUBSCRIBE with --raw',
    args: ['SUBSCRIBE', 'news'],
    raw: true,
    ready: 'news\n1\n',
    publish: [['PUBLISH', 'news', 'raw message']],
    done: 'raw message\n',
  },
  {
    name: 'SSUBSCRIBE with -c, redirected to the shard that owns the channel',
    args: ['SSUBSCRIBE', 'ch'],
    cluster: true,
    ready: '3) (integer) 1\n',
    publish: [['SPUBLISH', 'ch', 'sharded']],
    done: '3) "sharded"\n',
  },
];

/**
 * Lines for the prompt comparison on a terminal. `port` is the sandbox's entry node, `unusedPort` a port nothing
 * listens on (the test binds and closes it first), so both sides print "Could not connect" and "not connected> ".
 */
export function promptLines(port: number, unusedPort: number): string[] {
  return [
    'PING',
    'SET a 1',
    'SET b 2',
    'GET a',
    `connect 127.0.0.1 ${unusedPort}`,
    'PING',
    `connect localhost ${port}`,
    'GET b',
    'SELECT 2',
    'SELECT 99',
    'GET nokey',
  ];
}

/** Interactive lines around transactions: redis-cli 7 shows "(TX)" in the prompt and undoes a queued SELECT on abort. */
export const transactionPromptLines = [
  'MULTI',
  'SET a 1',
  'SELECT 3',
  'EXEC',
  'MULTI',
  'DISCARD',
  'SELECT 2',
  'MULTI',
  'SELECT 5',
  'NOSUCHCOMMAND',
  'EXEC',
  'MULTI',
  'MULTI',
  'DISCARD',
  'WATCH a',
  'MULTI',
  'GET a',
  'EXEC',
];
