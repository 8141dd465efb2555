/** @module The one place that turns a lesson id (its folder path) into the page URL. */

/** "2-high-availability/1-replication" -> "/lessons/2-high-availability/1-replication/". */
export function lessonUrl(id: string): string {
  return `/lessons/${id}/`;
}

/** The part folder of a lesson id: "2-high-availability/1-replication" -> "2-high-availability". */
export function lessonPartId(id: string): string {
  return id.split('/')[0] ?? id;
}
