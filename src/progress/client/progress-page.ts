/**
 * @module Browser side of /progress/: completion per part and lesson, exercises, quiz results, a chart of activity
 * over time (SVG plus a table), display name, link codes, export, import and reset with confirmation.
 */
import type { DailyActivity, ExerciseStatus, LessonProgress } from '../progress-store.ts';
import { columnChartSvg, escapeHtml } from '../../quiz/chart-svg.ts';
import { api } from '../../quiz/client/api.ts';
import { fillDueToday } from '../../quiz/client/due-today.ts';
import { formatDuration } from '../../quiz/client/inline-text.ts';

interface ProgressSummary {
  learner: { displayName: string | null; since: number | null };
  curriculum: { part: string; lessons: string[] }[];
  lessons: LessonProgress[];
  exercises: ExerciseStatus[];
  quiz: { sessions: number; checkpoints: { lesson: string; bestPercent: number; attempts: number }[]; mocks: { id: string; submittedAt: number; percent: number; questions: number }[] };
  activity: DailyActivity[];
  totals: { lessons: number; lessonsCompleted: number; exercisesPassed: number };
}

interface LessonSummary {
  id: string;
  title: string;
  url: string;
  part: string;
}

/** "2-high-availability" -> "High availability": a readable fallback when /api/lessons is not available. */
function titleFromFolder(folder: string): string {
  const words = folder.replace(/^\d+-/, '').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function lessonsHtml(summary: ProgressSummary, lessons: Map<string, LessonSummary>): string {
  const byId = new Map(summary.lessons.map((l) => [l.lessonId, l]));
  return summary.curriculum
    .map(({ part, lessons: ids }) => {
      const done = ids.filter((id) => byId.get(id)?.completedAt).length;
      const partTitle = lessons.get(ids[0]!)?.part ?? titleFromFolder(part);
      const items = ids
        .map((id) => {
          const lesson = lessons.get(id);
          const state = byId.get(id)?.completedAt ? 'completed' : byId.get(id)?.openedAt ? 'opened' : 'not started';
          const title = lesson?.title ?? titleFromFolder(id.split('/')[1] ?? id);
          return `<li data-lesson="${escapeHtml(id)}" data-state="${state}"><a href="${escapeHtml(lesson?.url ?? `/lessons/${id}/`)}">${escapeHtml(title)}</a>: ${state}</li>`;
        })
        .join('');
      return `<section><h3>${escapeHtml(partTitle)} <span class="muted">(${done} of ${ids.length} completed)</span></h3>` +
        `<progress max="${ids.length}" value="${done}" aria-label="${escapeHtml(partTitle)}: ${done} of ${ids.length} lessons completed"></progress><ul>${items}</ul></section>`;
    })
    .join('');
}

function exercisesHtml(exercises: ExerciseStatus[]): string {
  if (exercises.length === 0) return '<p>No exercises attempted yet. Every lesson links to its exercises.</p>';
  const rows = exercises
    .map(
      (e) =>
        `<tr><th scope="row">${escapeHtml(e.exerciseId)}</th><td>${e.passed ? (e.passedAfterSolution ? 'Passed (after viewing the solution)' : 'Passed') : 'Not yet'}</td>` +
        `<td>${e.attempts}</td><td>${e.hintsUsed}</td><td>${e.timeToPassMs === null ? '–' : formatDuration(e.timeToPassMs)}</td></tr>`,
    )
    .join('');
  return `<table><caption>Exercises</caption><thead><tr><th scope="col">Exercise</th><th scope="col">Status</th><th scope="col">Checks</th><th scope="col">Hints</th><th scope="col">Time to pass</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const DAY_MS = 86_400_000;

/** Days without activity get a zero column, so the time axis is even (at most the last 90 days are drawn). */
function everyDay(activity: DailyActivity[]): { label: string; value: number }[] {
  const total = (d: DailyActivity) => d.lessonsCompleted + d.exercisesPassed + d.quizCorrect;
  const byDay = new Map(activity.map((d) => [d.day, total(d)]));
  const first = activity[0];
  if (!first) return [];
  const end = Date.parse(`${activity.at(-1)!.day}T00:00:00Z`);
  const start = Math.max(Date.parse(`${first.day}T00:00:00Z`), end - 89 * DAY_MS);
  const days: { label: string; value: number }[] = [];
  for (let at = start; at <= end; at += DAY_MS) {
    const label = new Date(at).toISOString().slice(0, 10);
    days.push({ label, value: byDay.get(label) ?? 0 });
  }
  return days;
}

function activityHtml(activity: DailyActivity[]): string {
  const chart = columnChartSvg('Learning activity per day', everyDay(activity), 'items done');
  const rows = activity
    .map((d) => `<tr><th scope="row">${d.day}</th><td>${d.lessonsCompleted}</td><td>${d.exercisesPassed}</td><td>${d.quizCorrect} of ${d.quizAnswered}</td></tr>`)
    .join('');
  return `<figure data-activity-chart>${chart}<figcaption>Lessons completed, exercises passed and quiz answers right, per day (UTC). The table has the same numbers.</figcaption></figure>` +
    `<table><caption>Activity per day</caption><thead><tr><th scope="col">Day</th><th scope="col">Lessons completed</th><th scope="col">Exercises passed</th><th scope="col">Quiz answers right</th></tr></thead><tbody>${rows || '<tr><td colspan="4">No activity yet.</td></tr>'}</tbody></table>`;
}

function quizHtml(summary: ProgressSummary, lessons: Map<string, LessonSummary>): string {
  const mocks = summary.quiz.mocks
    .map((m) => `<li><a href="/quiz/results/?id=${encodeURIComponent(m.id)}">${escapeHtml(new Date(m.submittedAt).toLocaleString())}</a>: ${m.percent} % of ${m.questions} questions</li>`)
    .join('');
  const checkpoints = summary.quiz.checkpoints.map((c) => `<li>${escapeHtml(lessons.get(c.lesson)?.title ?? c.lesson)}: best ${c.bestPercent} % (${c.attempts} attempt${c.attempts === 1 ? '' : 's'})</li>`).join('');
  const sessions = `${summary.quiz.sessions} quiz session${summary.quiz.sessions === 1 ? '' : 's'}`;
  return `<p>${sessions} · <a href="/quiz/"><span data-due-today>–</span> questions due for review today</a></p>` +
    `<h3>Mock interviews</h3><ul>${mocks || '<li>None yet.</li>'}</ul><h3>Lesson checkpoints</h3><ul>${checkpoints || '<li>None yet.</li>'}</ul>`;
}

export async function startProgressPage(root: HTMLElement): Promise<void> {
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const status = $('[data-status]');
  let lessons = new Map<string, LessonSummary>();
  try {
    lessons = new Map((await api<LessonSummary[]>('/api/lessons')).map((l) => [l.id, l]));
  } catch {
    // Lesson titles are a nicety: without /api/lessons the page names lessons after their folders.
  }

  const render = (summary: ProgressSummary) => {
    $('[data-totals]').textContent = `${summary.totals.lessonsCompleted} of ${summary.totals.lessons} lessons completed · ${summary.totals.exercisesPassed} exercises passed`;
    $('[data-lessons]').innerHTML = lessonsHtml(summary, lessons);
    $('[data-exercises]').innerHTML = exercisesHtml(summary.exercises);
    $('[data-quiz]').innerHTML = quizHtml(summary, lessons);
    void fillDueToday($('[data-quiz]'));
    $('[data-activity]').innerHTML = activityHtml(summary.activity);
    $<HTMLInputElement>('[data-name-input]').value = summary.learner.displayName ?? '';
  };
  const reload = async () => render(await api<ProgressSummary>('/api/progress'));
  try {
    await reload();
  } catch (error) {
    status.textContent = (error as Error).message;
    return;
  }

  $<HTMLFormElement>('[data-name-form]').addEventListener('submit', async (event) => {
    event.preventDefault();
    const displayName = $<HTMLInputElement>('[data-name-input]').value.trim();
    try {
      await api('/api/identity/name', { json: { displayName: displayName || null } });
      status.textContent = displayName ? `Display name saved: ${displayName}.` : 'Display name removed.';
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });

  $('[data-link-code]').addEventListener('click', async () => {
    try {
      const link = await api<{ code: string; expiresAt: number }>('/api/identity/link-code', { method: 'POST' });
      $('[data-link-code-output]').innerHTML =
        `Your code: <strong data-code>${escapeHtml(link.code)}</strong>. Enter it in the other browser before ${escapeHtml(new Date(link.expiresAt).toLocaleTimeString())}; it works once.`;
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });

  $<HTMLFormElement>('[data-redeem-form]').addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = $<HTMLInputElement>('[data-redeem-input]').value;
    try {
      const result = await api<{ displayName: string | null }>('/api/identity/redeem', { json: { code } });
      status.textContent = `This browser now uses ${result.displayName ? `${result.displayName}'s` : 'the other browser\'s'} progress.`;
      await reload();
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });

  $<HTMLFormElement>('[data-import-form]').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $<HTMLInputElement>('[data-import-file]').files?.[0];
    if (!file) {
      status.textContent = 'Choose the exported .json file first.';
      return;
    }
    if (!$<HTMLInputElement>('[data-import-confirm]').checked) {
      status.textContent = 'Tick the box to confirm: importing replaces the progress in this browser.';
      return;
    }
    try {
      render(await api<ProgressSummary>('/api/progress/import', { body: await file.text() }));
      status.textContent = 'Progress imported.';
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });

  const confirmReset = $('[data-reset-confirm]');
  $('[data-reset]').addEventListener('click', () => {
    confirmReset.hidden = false;
    $<HTMLButtonElement>('[data-reset-no]').focus();
  });
  $('[data-reset-no]').addEventListener('click', () => {
    confirmReset.hidden = true;
    $<HTMLButtonElement>('[data-reset]').focus();
  });
  $('[data-reset-yes]').addEventListener('click', async () => {
    try {
      render(await api<ProgressSummary>('/api/progress/reset', { json: { confirm: true } }));
      confirmReset.hidden = true;
      status.textContent = 'All progress deleted.';
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });
}
