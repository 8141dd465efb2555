/** @module The track's fixed shape: which part and lesson folders content/lessons/ must hold, in order. */

/** Part folders under content/lessons/ and the lesson folders each one holds; the folder path is the lesson id. */
export const CURRICULUM = [
  { part: '1-foundations', lessons: ['1-what-is-elasticache', '2-deployment-architectures', '3-data-structures', '4-caching-patterns'] },
  { part: '2-high-availability', lessons: ['1-replication', '2-failover', '3-persistence-backups'] },
  { part: '3-scaling', lessons: ['1-cluster-mode', '2-scaling'] },
  { part: '4-operations', lessons: ['1-security', '2-monitoring', '3-cost'] },
  { part: '5-choosing', lessons: ['1-memcached', '2-memorydb', '3-streams-kinesis-msk'] },
  { part: '6-projects', lessons: ['1-inventory-capstone', '2-lab-manual'] },
] as const;

/** Every lesson id of the track in reading order, e.g. "2-high-availability/1-replication". */
export const CURRICULUM_LESSON_IDS: readonly string[] = CURRICULUM.flatMap(({ part, lessons }) =>
  lessons.map((lesson) => `${part}/${lesson}`),
);

/** Folder names are "<number>-<slug>": both parts and lessons sort by that number. */
export const NUMBERED_FOLDER = /^[1-9][0-9]*-[a-z0-9]+(?:-[a-z0-9]+)*$/;
