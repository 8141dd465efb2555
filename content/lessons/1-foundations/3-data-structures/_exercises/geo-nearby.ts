/** @module Exercise geo-nearby: a geospatial index with GEOADD, a radius search stored with GEOSEARCHSTORE, the nearest store. */
import { expectType, fail, pass } from '../../../../../src/exercises/check-helpers.ts';
import type { Condition } from '../../../../../src/exercises/exercise-definition.ts';
import { defineExercise } from '../../../../../src/exercises/exercise-definition.ts';

const INDEX = 'geo:stores';
const NEARBY = 'geo:nearby:customer-7';
const NEAREST = 'answer:nearest-store';
/** [longitude, latitude] of each store (the instructions list them latitude first, as map apps do). */
const STORES: Record<string, [number, number]> = {
  louvre: [2.3376, 48.8606],
  'notre-dame': [2.3499, 48.853],
  bastille: [2.3691, 48.8532],
  'sacre-coeur': [2.3431, 48.8867],
  'eiffel-tower': [2.2945, 48.8584],
  'la-defense': [2.2364, 48.8924],
};
const CUSTOMER: [number, number] = [2.3522, 48.8566];
const RADIUS_KM = 3;
/** How far a stored position may be from the given one (geohash precision is well under a metre). */
const TOLERANCE_M = 50;

/** The engine's own haversine (same Earth radius), so the expected set matches GEOSEARCH exactly. */
export function distanceMeters([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const u = Math.sin((rad(lat2) - rad(lat1)) / 2);
  const v = Math.sin((rad(lon2) - rad(lon1)) / 2);
  return 2 * 6372797.560856 * Math.asin(Math.sqrt(u * u + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * v * v));
}

const km = (meters: number) => `${(meters / 1000).toFixed(2)} km`;
const byDistance = Object.entries(STORES)
  .map(([name, position]) => ({ name, meters: distanceMeters(CUSTOMER, position) }))
  .sort((a, b) => a.meters - b.meters);
const EXPECTED_NEARBY = byDistance.filter((s) => s.meters <= RADIUS_KM * 1000).map((s) => s.name);

export default defineExercise({
  id: 'geo-nearby',
  title: 'Geospatial: which stores are near the customer?',
  lesson: '1-foundations/3-data-structures',
  spec: { topology: 'single' },
  points: 15,
  hints: [
    'GEOADD takes longitude first, then latitude, then the member: `GEOADD geo:stores 2.3376 48.8606 louvre ...`. The table lists latitude first, like most map apps.',
    'GEOSEARCHSTORE writes the result of a search into a new key: `GEOSEARCHSTORE <destination> <index> FROMLONLAT <lon> <lat> BYRADIUS <r> km ASC`.',
    'Check the unit: the radius is 3 kilometres. `m`, `km`, `mi` and `ft` are all valid units, so a wrong one is not an error, just a wrong answer.',
    'The nearest store is the first result of an ascending search: `GEOSEARCH geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3 km ASC COUNT 1 WITHDIST`.',
  ],
  solution: `\`\`\`text
GEOADD geo:stores 2.3376 48.8606 louvre 2.3499 48.8530 notre-dame 2.3691 48.8532 bastille 2.3431 48.8867 sacre-coeur 2.2945 48.8584 eiffel-tower 2.2364 48.8924 la-defense
GEOSEARCHSTORE geo:nearby:customer-7 geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3 km ASC
GEOSEARCH geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3 km ASC COUNT 1 WITHDIST
SET answer:nearest-store notre-dame
\`\`\`

Within 3 km are ${EXPECTED_NEARBY.join(', ')}; the nearest is ${byDistance[0]!.name} (${km(byDistance[0]!.meters)}). Longitude always comes
before latitude in GEO commands. \`GEOSEARCHSTORE ... STOREDIST\` would store the distances as scores instead of the positions.`,

  async setup({ admin }) {
    await admin().del(INDEX, NEARBY, NEAREST);
  },

  async check({ admin }) {
    const client = admin();
    const checks: Condition[] = [];
    const isIndex = await expectType(client, INDEX, 'zset', 'Create it with GEOADD geo:stores <longitude> <latitude> <store> ...');
    checks.push(isIndex);
    if (!isIndex.passed) return checks;

    const names = Object.keys(STORES);
    const positions = (await client.geopos(INDEX, ...names)) as Array<[string, string] | null>;
    const problems: string[] = [];
    names.forEach((name, i) => {
      const at = positions[i];
      const expected = STORES[name]!;
      if (!at) {
        problems.push(`${name} is missing`);
        return;
      }
      const actual: [number, number] = [Number(at[0]), Number(at[1])];
      if (distanceMeters(actual, expected) <= TOLERANCE_M) return;
      if (distanceMeters(actual, [expected[1], expected[0]]) <= TOLERANCE_M) {
        problems.push(`${name} is at longitude ${actual[0].toFixed(4)}, latitude ${actual[1].toFixed(4)}: latitude and longitude are swapped (GEOADD takes longitude first)`);
      } else {
        problems.push(`${name} is ${km(distanceMeters(actual, expected))} away from where it should be`);
      }
    });
    checks.push(
      problems.length === 0
        ? pass('every store is at its position', `All ${names.length} stores are in \`${INDEX}\` at the right positions.`)
        : fail('every store is at its position', `In \`${INDEX}\`: ${problems.join('; ')}.`),
    );

    const nearbyType = await client.type(NEARBY);
    if (nearbyType !== 'zset') {
      checks.push(
        fail(
          `\`${NEARBY}\` holds the stores within 3 km`,
          nearbyType === 'none'
            ? `\`${NEARBY}\` does not exist. Store the search result with GEOSEARCHSTORE (a search that finds nothing, e.g. with a radius in m instead of km, stores nothing).`
            : `expected \`${NEARBY}\` to be a sorted set (what GEOSEARCHSTORE writes); it is a ${nearbyType}.`,
        ),
      );
    } else {
      const found = await client.zrange(NEARBY, 0, '-1');
      const missing = EXPECTED_NEARBY.filter((n) => !found.includes(n));
      const extra = found.filter((n) => !EXPECTED_NEARBY.includes(n));
      const describe = (n: string) => `${n} (${km(distanceMeters(CUSTOMER, STORES[n] ?? CUSTOMER))})`;
      checks.push(
        missing.length === 0 && extra.length === 0
          ? pass(`\`${NEARBY}\` holds the stores within 3 km`, `\`${NEARBY}\` holds ${found.join(', ')}.`)
          : fail(
              `\`${NEARBY}\` holds the stores within 3 km`,
              [
                extra.length > 0 ? `\`${NEARBY}\` includes ${extra.map(describe).join(', ')}, farther than 3 km from the customer (check the unit: km)` : '',
                missing.length > 0 ? `\`${NEARBY}\` lacks ${missing.map(describe).join(', ')}` : '',
              ]
                .filter(Boolean)
                .join('; ') + '.',
            ),
      );
    }

    const nearest = await client.get(NEAREST).catch(() => null);
    const best = byDistance[0]!;
    checks.push(
      nearest === best.name
        ? pass('the nearest store is recorded', `\`${NEAREST}\` is ${best.name}, ${km(best.meters)} from the customer.`)
        : fail(
            'the nearest store is recorded',
            nearest === null
              ? `\`${NEAREST}\` does not exist; SET it to the name of the store nearest to the customer.`
              : `\`${NEAREST}\` is ${JSON.stringify(nearest)}, but that is not the nearest store. Search in ascending order (ASC) and take the first result.`,
          ),
    );
    return checks;
  },

  examples: {
    correct: [
      [
        'GEOADD geo:stores 2.3376 48.8606 louvre 2.3499 48.8530 notre-dame 2.3691 48.8532 bastille 2.3431 48.8867 sacre-coeur 2.2945 48.8584 eiffel-tower 2.2364 48.8924 la-defense',
        'GEOSEARCHSTORE geo:nearby:customer-7 geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3 km ASC',
        'GEOSEARCH geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3 km ASC COUNT 1 WITHDIST',
        'SET answer:nearest-store notre-dame',
      ],
      [
        'GEOADD geo:stores 2.3376 48.8606 louvre 2.3499 48.8530 notre-dame 2.3691 48.8532 bastille',
        'GEOADD geo:stores 2.3431 48.8867 sacre-coeur 2.2945 48.8584 eiffel-tower 2.2364 48.8924 la-defense',
        'GEOSEARCHSTORE geo:nearby:customer-7 geo:stores FROMLONLAT 2.3522 48.8566 BYBOX 10 10 km ASC',
        'GEOSEARCHSTORE geo:nearby:customer-7 geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3000 m STOREDIST',
        'ZRANGE geo:nearby:customer-7 0 0 WITHSCORES',
        'SET answer:nearest-store notre-dame',
      ],
    ],
    mistakes: [
      {
        lines: [
          'GEOADD geo:stores 48.8606 2.3376 louvre 48.8530 2.3499 notre-dame 48.8532 2.3691 bastille 48.8867 2.3431 sacre-coeur 48.8584 2.2945 eiffel-tower 48.8924 2.2364 la-defense',
          'GEOSEARCHSTORE geo:nearby:customer-7 geo:stores FROMLONLAT 48.8566 2.3522 BYRADIUS 3 km ASC',
          'SET answer:nearest-store notre-dame',
        ],
        expect: /latitude and longitude are swapped/,
      },
      {
        lines: [
          'GEOADD geo:stores 2.3376 48.8606 louvre 2.3499 48.8530 notre-dame 2.3691 48.8532 bastille 2.3431 48.8867 sacre-coeur 2.2945 48.8584 eiffel-tower 2.2364 48.8924 la-defense',
          'GEOSEARCHSTORE geo:nearby:customer-7 geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3 mi ASC',
          'SET answer:nearest-store notre-dame',
        ],
        expect: /includes .*eiffel-tower \(4\.23 km\).*farther than 3 km/,
      },
      {
        lines: [
          'GEOADD geo:stores 2.3376 48.8606 louvre 2.3499 48.8530 notre-dame 2.3691 48.8532 bastille 2.3431 48.8867 sacre-coeur 2.2945 48.8584 eiffel-tower 2.2364 48.8924 la-defense',
          'GEOSEARCHSTORE geo:nearby:customer-7 geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3 m ASC',
          'SET answer:nearest-store notre-dame',
        ],
        expect: /`geo:nearby:customer-7` does not exist/,
      },
      {
        lines: [
          'GEOADD geo:stores 2.3376 48.8606 louvre 2.3499 48.8530 notre-dame 2.3691 48.8532 bastille 2.3431 48.8867 sacre-coeur 2.2945 48.8584 eiffel-tower 2.2364 48.8924 la-defense',
          'GEOSEARCHSTORE geo:nearby:customer-7 geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3 km DESC',
          'GEOSEARCH geo:stores FROMLONLAT 2.3522 48.8566 BYRADIUS 3 km DESC COUNT 1',
          'SET answer:nearest-store bastille',
        ],
        expect: /is "bastille", but that is not the nearest store/,
      },
    ],
  },
});
