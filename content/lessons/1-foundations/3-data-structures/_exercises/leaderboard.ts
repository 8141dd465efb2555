/** @module Exercise leaderboard: a sorted set with ZADD, an atomic ZINCRBY, the top 3 and a player's 1-based position. */
import { expectType, fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

const BOARD = 'leaderboard:weekly';
const TOP3 = 'leaderboard:top3';
const POSITION = 'leaderboard:bob-position';
const EXPECTED: Record<string, number> = { alice: 1200, bob: 1250, carol: 1430, dave: 700, erin: 1100, frank: 990 };

export default defineExercise({
  id: 'leaderboard',
  title: 'Leaderboard: ZADD, ZINCRBY and ranked reads',
  lesson: '1-foundations/3-data-structures',
  spec: { topology: 'single' },
  points: 15,
  hints: [
    'A leaderboard is a sorted set: `ZADD leaderboard:weekly 1200 alice 950 bob ...` takes score-member pairs, score first.',
    'Adding points must not overwrite the score: `ZINCRBY leaderboard:weekly 300 bob` adds atomically (ZADD would replace 950 with 300).',
    'Highest scores first means reversed order: `ZRANGESTORE leaderboard:top3 leaderboard:weekly 0 2 REV` copies ranks 0 to 2.',
    '`ZREVRANK leaderboard:weekly bob` is zero-based (0 = first place). Players count from 1, so store the rank plus one.',
  ],
  solution: `\`\`\`text
ZADD leaderboard:weekly 1200 alice 950 bob 1430 carol 700 dave 1100 erin 990 frank
ZINCRBY leaderboard:weekly 300 bob
ZRANGESTORE leaderboard:top3 leaderboard:weekly 0 2 REV
ZREVRANK leaderboard:weekly bob
SET leaderboard:bob-position 2
\`\`\`

\`ZREVRANK\` answers 1 because ranks start at 0; as a position shown to players that is 2nd place, behind carol (1430).
\`ZRANGE leaderboard:weekly 0 2 REV WITHSCORES\` reads the same top 3 without storing it.`,

  async setup({ admin }) {
    await admin().del(BOARD, TOP3, POSITION);
  },

  async check({ admin }) {
    const client = admin();
    const checks: Condition[] = [];
    const isZset = await expectType(client, BOARD, 'zset', 'Create it with ZADD leaderboard:weekly <score> <player> ...');
    checks.push(isZset);
    if (!isZset.passed) return checks;

    const flat = await client.zrange(BOARD, 0, '-1', 'WITHSCORES');
    const scores = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) scores.set(flat[i]!, Number(flat[i + 1]));
    const problems: string[] = [];
    for (const [player, score] of Object.entries(EXPECTED)) {
      const actual = scores.get(player);
      if (actual === undefined) problems.push(`${player} is missing`);
      else if (player === 'bob' && actual === 300) problems.push('bob has 300: ZADD replaced his 950 points; ZINCRBY adds 300 to them instead');
      else if (player === 'bob' && actual === 950) problems.push('bob still has 950: add his 300 points with ZINCRBY');
      else if (actual !== score) problems.push(`${player} has ${actual}, expected ${score}`);
    }
    const extra = [...scores.keys()].filter((p) => !(p in EXPECTED));
    if (extra.length > 0) problems.push(`unexpected members: ${extra.join(', ')} (ZADD takes the score first, then the member)`);
    checks.push(
      problems.length === 0
        ? pass('every player has the right score', 'All six players have the right scores; bob has 1250 after his 300 points.')
        : fail('every player has the right score', `In \`${BOARD}\`: ${problems.join('; ')}.`),
    );

    // Derived reads are graded against the learner's own board, so one wrong score does not fail everything twice.
    const top = await client.zrange(BOARD, 0, '2', 'REV');
    const topType = await client.type(TOP3);
    let stored: string[] = [];
    if (topType === 'zset') stored = await client.zrange(TOP3, 0, '-1', 'REV');
    else if (topType === 'list') stored = await client.lrange(TOP3, 0, -1);
    const sameMembers = stored.length === top.length && top.every((p) => stored.includes(p));
    if (topType === 'none') checks.push(fail('`leaderboard:top3` holds the top 3', `\`${TOP3}\` does not exist; store the three best players in it (ZRANGESTORE ... REV).`));
    else if (topType !== 'zset' && topType !== 'list') checks.push(fail('`leaderboard:top3` holds the top 3', `expected \`${TOP3}\` to be a sorted set; it is a ${topType}.`));
    else if (sameMembers && (topType === 'zset' || stored.join() === top.join())) {
      checks.push(pass('`leaderboard:top3` holds the top 3', `\`${TOP3}\` holds ${top.join(', ')}.`));
    } else {
      const bottom = await client.zrange(BOARD, 0, '2');
      const lowest = stored.length === 3 && bottom.every((p) => stored.includes(p));
      checks.push(
        fail(
          '`leaderboard:top3` holds the top 3',
          lowest
            ? `\`${TOP3}\` holds ${stored.join(', ')}: those are the lowest scores. Sorted sets are ordered lowest first; add REV to read from the top.`
            : `\`${TOP3}\` holds ${stored.join(', ') || 'nothing'}; the top 3 are ${top.join(', ')}, highest first.`,
        ),
      );
    }

    const rank = await client.zrevrank(BOARD, 'bob');
    const position = await client.get(POSITION).catch(() => null);
    if (rank === null) checks.push(fail("bob's position is stored", 'bob is not on the board, so his position cannot be checked.'));
    else if (position === String(rank + 1)) checks.push(pass("bob's position is stored", `\`${POSITION}\` is ${position}: bob is number ${position}.`));
    else if (position === null) checks.push(fail("bob's position is stored", `\`${POSITION}\` does not exist; SET it to bob's position counted from 1.`));
    else if (position === String(rank)) {
      checks.push(fail("bob's position is stored", `\`${POSITION}\` is ${position}, but bob is number ${rank + 1}: ZREVRANK is zero-based, so add 1.`));
    } else {
      const ascending = await client.zrank(BOARD, 'bob');
      checks.push(
        fail(
          "bob's position is stored",
          position === String(ascending) || position === String((ascending ?? -2) + 1)
            ? `\`${POSITION}\` is ${position}: that counts from the lowest score (ZRANK). Use ZREVRANK, which counts from the top, and add 1.`
            : `\`${POSITION}\` is ${position}; bob is number ${rank + 1} (ZREVRANK answers ${rank}, counted from 0).`,
        ),
      );
    }
    return checks;
  },

  examples: {
    correct: [
      [
        'ZADD leaderboard:weekly 1200 alice 950 bob 1430 carol 700 dave 1100 erin 990 frank',
        'ZINCRBY leaderboard:weekly 300 bob',
        'ZRANGESTORE leaderboard:top3 leaderboard:weekly 0 2 REV',
        'ZREVRANK leaderboard:weekly bob',
        'SET leaderboard:bob-position 2',
      ],
      [
        'ZADD leaderboard:weekly 1200 alice 950 bob 1430 carol',
        'ZADD leaderboard:weekly 700 dave 1100 erin 990 frank',
        'ZADD leaderboard:weekly INCR 300 bob',
        'ZRANGE leaderboard:weekly 0 2 REV WITHSCORES',
        'RPUSH leaderboard:top3 carol bob alice',
        'SET leaderboard:bob-position 2',
      ],
    ],
    mistakes: [
      {
        lines: [
          'HSET leaderboard:weekly alice 1200 bob 950 carol 1430 dave 700 erin 1100 frank 990',
          'HINCRBY leaderboard:weekly bob 300',
          'SET leaderboard:bob-position 2',
        ],
        expect: /expected `leaderboard:weekly` to be a sorted set; it is a hash/,
      },
      {
        lines: [
          'ZADD leaderboard:weekly 1200 alice 950 bob 1430 carol 700 dave 1100 erin 990 frank',
          'ZINCRBY leaderboard:weekly 300 bob',
          'ZRANGESTORE leaderboard:top3 leaderboard:weekly 0 2 REV',
          'ZREVRANK leaderboard:weekly bob',
          'SET leaderboard:bob-position 1',
        ],
        expect: /ZREVRANK is zero-based, so add 1/,
      },
      {
        lines: [
          'ZADD leaderboard:weekly 1200 alice 950 bob 1430 carol 700 dave 1100 erin 990 frank',
          'ZADD leaderboard:weekly 300 bob',
          'ZRANGESTORE leaderboard:top3 leaderboard:weekly 0 2 REV',
          'SET leaderboard:bob-position 5',
        ],
        expect: /bob has 300: ZADD replaced his 950 points/,
      },
      {
        lines: [
          'ZADD leaderboard:weekly 1200 alice 950 bob 1430 carol 700 dave 1100 erin 990 frank',
          'ZINCRBY leaderboard:weekly 300 bob',
          'ZRANGESTORE leaderboard:top3 leaderboard:weekly 0 2',
          'SET leaderboard:bob-position 2',
        ],
        expect: /those are the lowest scores/,
      },
    ],
  },
});
