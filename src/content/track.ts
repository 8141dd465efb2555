/**
 * @module The track as the site shows it: lessons in order, grouped into parts, with previous/next neighbours.
 * Pure functions over { id, data } records, so Astro pages (astro:content entries) and the API (frontmatter read
 * from disk) share one ordering rule.
 */
import type { LessonFrontmatter } from './lesson-schema.ts';
import { lessonPartId, lessonUrl } from './lesson-url.ts';

export interface LessonRecord {
  id: string;
  data: LessonFrontmatter;
}

export interface TrackLesson extends LessonRecord {
  url: string;
  /** 1-based position of the lesson inside its part. */
  number: number;
}

export interface TrackPart {
  /** The part folder, e.g. "2-high-availability". */
  id: string;
  /** 1-based number taken from the folder name. */
  number: number;
  title: string;
  minutes: number;
  lessons: TrackLesson[];
}

/** Lessons sorted by their `order` field (ids break ties, so the result never depends on file-system order). */
export function sortLessons<T extends LessonRecord>(lessons: readonly T[]): T[] {
  return [...lessons].sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/** Groups lessons into parts in track order; a part's title is the `part` field of its first lesson. */
export function buildTrack(lessons: readonly LessonRecord[]): TrackPart[] {
  const parts = new Map<string, TrackPart>();
  for (const lesson of sortLessons(lessons)) {
    const partId = lessonPartId(lesson.id);
    let part = parts.get(partId);
    if (!part) {
      part = { id: partId, number: Number.parseInt(partId, 10) || parts.size + 1, title: lesson.data.part, minutes: 0, lessons: [] };
      parts.set(partId, part);
    }
    part.minutes += lesson.data.minutes;
    part.lessons.push({ ...lesson, url: lessonUrl(lesson.id), number: part.lessons.length + 1 });
  }
  return [...parts.values()];
}

/** The lessons before and after `id` in track order (undefined at either end). */
export function neighbours<T extends LessonRecord>(lessons: readonly T[], id: string): { previous?: T; next?: T } {
  const sorted = sortLessons(lessons);
  const index = sorted.findIndex((lesson) => lesson.id === id);
  if (index === -1) return {};
  return { previous: sorted[index - 1], next: sorted[index + 1] };
}

/** "1 h 5 min" / "40 min": how long a part or the whole track takes. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export const TOPOLOGY_LABELS: Record<LessonFrontmatter['topology'], string> = {
  single: 'single node (cluster mode disabled)',
  replication: 'replication group: 1 primary + 2 replicas',
  cluster: 'cluster mode enabled: 3 shards, 1 replica each',
};
