/**
 * @module Browser side of the learner's progress in the site chrome: marks the track map's stops from
 * GET /api/progress, and records a lesson as opened / completed (POST /api/progress/lessons/<id>/open|complete).
 * Without the API (static preview, offline) every call fails quietly and the pages stay as built.
 */

interface LessonProgressRow {
  lessonId: string;
  openedAt?: number | string | null;
  completedAt?: number | string | null;
}

async function call<T>(path: string, method: 'GET' | 'POST' = 'GET'): Promise<T | undefined> {
  try {
    const response = await fetch(path, { method, headers: { accept: 'application/json' }, credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

const lessonPath = (id: string) => `/api/progress/lessons/${id.split('/').map(encodeURIComponent).join('/')}`;

/** Marks each `[data-lesson]` stop of the track map as done / started, and fills `[data-progress]` with a summary. */
export async function showTrackProgress(): Promise<void> {
  const stops = [...document.querySelectorAll<HTMLElement>('[data-track-map] [data-lesson]')];
  if (stops.length === 0) return;
  const summary = await call<{ lessons?: LessonProgressRow[] }>('/api/progress');
  if (!summary?.lessons) return;
  const rows = new Map(summary.lessons.map((row) => [row.lessonId, row]));
  let done = 0;
  for (const stop of stops) {
    const row = rows.get(stop.dataset.lesson ?? '');
    const state = row?.completedAt ? 'done' : row?.openedAt ? 'started' : undefined;
    if (state === 'done') done++;
    if (state) stop.dataset.lessonState = state;
    const label = stop.querySelector<HTMLElement>('[data-lesson-progress]');
    if (label) label.textContent = state === 'done' ? 'Completed' : state === 'started' ? 'Started' : '';
  }
  for (const slot of document.querySelectorAll<HTMLElement>('[data-progress]')) {
    if (slot.childElementCount > 0) continue;
    const text = document.createElement('p');
    text.className = 'track-progress';
    text.textContent = `You have completed ${done} of ${stops.length} lessons.`;
    const bar = document.createElement('progress');
    bar.max = stops.length;
    bar.value = done;
    bar.setAttribute('aria-label', text.textContent);
    slot.replaceChildren(text, bar);
  }
}

/** Records the lesson as opened and wires its "Mark as complete" button. */
export async function trackLesson(root: HTMLElement): Promise<void> {
  const id = root.dataset.lessonProgress;
  const button = root.querySelector<HTMLButtonElement>('button');
  const status = root.querySelector<HTMLElement>('[role="status"]');
  if (!id || !button || !status) return;
  const opened = await call<LessonProgressRow>(`${lessonPath(id)}/open`, 'POST');
  if (!opened) return; // no API: keep the button hidden rather than offer something that cannot work
  const showCompleted = () => {
    button.disabled = true;
    button.textContent = 'Completed';
    status.textContent = 'This lesson counts as completed in your progress.';
  };
  root.hidden = false;
  if (opened.completedAt) showCompleted();
  button.addEventListener('click', async () => {
    const completed = await call<LessonProgressRow>(`${lessonPath(id)}/complete`, 'POST');
    if (completed?.completedAt) showCompleted();
    else status.textContent = 'Could not save your progress. Reload the page and try again.';
  });
}
