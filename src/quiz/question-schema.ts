/** @module The quiz question bank's shape (content/quiz/*.yaml): one schema, validated at load and in tests. */
import { z } from 'zod';
import { levelSchema } from '../content/lesson-schema.ts';

/** Quiz topics, one per lesson of the track; `lesson` is the lesson's content id (its folder path). */
export const QUIZ_TOPICS = [
  { id: 'elasticache-basics', title: 'What ElastiCache is', lesson: '1-foundations/1-what-is-elasticache' },
  { id: 'architectures', title: 'Deployment architectures', lesson: '1-foundations/2-deployment-architectures' },
  { id: 'data-structures', title: 'Data structures and use cases', lesson: '1-foundations/3-data-structures' },
  { id: 'caching-patterns', title: 'Caching patterns', lesson: '1-foundations/4-caching-patterns' },
  { id: 'replication', title: 'Replication', lesson: '2-high-availability/1-replication' },
  { id: 'high-availability', title: 'Multi-AZ and failover', lesson: '2-high-availability/2-failover' },
  { id: 'persistence-backups', title: 'Persistence, backups and restore', lesson: '2-high-availability/3-persistence-backups' },
  { id: 'cluster-mode', title: 'Cluster mode', lesson: '3-scaling/1-cluster-mode' },
  { id: 'scaling', title: 'Scaling', lesson: '3-scaling/2-scaling' },
  { id: 'security', title: 'Security', lesson: '4-operations/1-security' },
  { id: 'monitoring', title: 'Monitoring and troubleshooting', lesson: '4-operations/2-monitoring' },
  { id: 'cost', title: 'Cost and pricing', lesson: '4-operations/3-cost' },
  { id: 'memcached', title: 'Valkey/Redis OSS vs Memcached', lesson: '5-choosing/1-memcached' },
  { id: 'memorydb', title: 'ElastiCache vs MemoryDB', lesson: '5-choosing/2-memorydb' },
  { id: 'streaming', title: 'Redis Streams vs Kinesis vs MSK', lesson: '5-choosing/3-streams-kinesis-msk' },
  { id: 'inventory-capstone', title: 'Capstone: e-commerce inventory', lesson: '6-projects/1-inventory-capstone' },
  { id: 'lab-manual', title: 'Production lab manual', lesson: '6-projects/2-lab-manual' },
] as const;
export const topicIdSchema = z.enum(QUIZ_TOPICS.map((t) => t.id) as [string, ...string[]]);

/** The interview questions of the source brief; every one is covered by >= 1 question tagged with it. */
export const INTERVIEW_TAGS = [
  'interview:what-is-elasticache',
  'interview:redis-vs-rds-caching',
  'interview:redis-vs-memcached',
  'interview:replication',
  'interview:enable-multi-az',
  'interview:secure-redis',
  'interview:clustering',
  'interview:streams-kinesis-msk',
  'interview:memorydb-vs-elasticache',
  'interview:cluster-mode-enabled-vs-disabled',
  'interview:failover',
  'interview:elasticache-vs-dax',
  'interview:optimize-performance',
] as const;

const sourceUrl = z.url().refine((u) => /^https:\/\/([a-z0-9-]+\.)*(amazon\.com|redis\.io|valkey\.io|github\.com|apache\.org)\//.test(u), {
  message: 'sources must be AWS, redis.io, valkey.io, github.com (awsdocs) or kafka.apache.org URLs',
});

const optionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/).describe('Stable option id, e.g. "a"'),
    text: z.string().min(1).describe('What the learner sees'),
    correct: z.boolean().optional().describe('single/multiple/scenario: whether this option is (one of) the right answer(s)'),
    explanation: z.string().min(15).describe('Why this option is right or wrong (ordering: why it stands at its place)'),
  })
  .strict();

const base = {
  id: z.string().regex(/^[a-z0-9-]+$/).describe('Unique, stable question id'),
  level: levelSchema,
  topic: topicIdSchema,
  lesson: z.string().describe('Lesson content id, optionally with "#section-anchor"'),
  tags: z.array(z.string().min(1)).default([]).describe('Free tags; interview:* tags mark the brief\'s interview questions'),
  prompt: z.string().min(10),
  explanation: z.string().min(20).describe('The general explanation shown after answering'),
  sources: z.array(sourceUrl).min(1),
};

export const questionSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('single'), options: z.array(optionSchema).min(2).max(6) }).strict(),
  z.object({ ...base, type: z.literal('multiple'), options: z.array(optionSchema).min(3).max(7) }).strict(),
  z.object({ ...base, type: z.literal('scenario'), options: z.array(optionSchema).min(2).max(6) }).strict(),
  z
    .object({
      ...base,
      type: z.literal('ordering'),
      options: z.array(optionSchema).min(3).max(8).describe('Listed in the CORRECT order; the server shuffles them'),
    })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('free'),
      modelAnswer: z.string().min(40),
      rubric: z.array(z.string().min(5)).min(3).max(8).describe('Checklist the candidate self-grades against'),
    })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('hands-on'),
      exercise: z.string().regex(/^[a-z0-9-]+$/).describe('Exercise id; the question is answered by passing it'),
    })
    .strict(),
]);
export type Question = z.infer<typeof questionSchema>;

export const questionFileSchema = z.array(questionSchema).min(1);
