/**
 * @module Browser side of /quiz/: pick mode, topics, level and count (or open a shared seeded link), see what is due
 * for review, and start a session.
 */
import type { QuizStats } from '../quiz-stats.ts';
import type { SessionView } from '../session-view.ts';
import { escapeHtml } from '../chart-svg.ts';
import { api } from './api.ts';
import { MODE_TITLES } from './inline-text.ts';

interface Topic {
  id: string;
  title: string;
  lesson: string;
  counts: { basic: number; intermediate: number; advanced: number };
}

export async function startQuizPage(root: HTMLElement): Promise<void> {
  const form = root.querySelector<HTMLFormElement>('[data-start-form]')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const params = new URLSearchParams(location.search);
  const tzOffset = new Date().getTimezoneOffset();

  let topics: Topic[] = [];
  try {
    topics = await api<Topic[]>('/api/quiz/topics');
  } catch (error) {
    status.textContent = (error as Error).message;
  }
  const chosen = new Set((params.get('topics') ?? '').split(',').filter(Boolean));
  root.querySelector('[data-topics]')!.innerHTML = topics
    .map((t) => {
      const total = t.counts.basic + t.counts.intermediate + t.counts.advanced;
      return `<label class="choice"><input type="checkbox" name="topics" value="${escapeHtml(t.id)}"${chosen.has(t.id) ? ' checked' : ''}${total === 0 ? ' disabled' : ''}> ${escapeHtml(t.title)} <span class="muted">(${total})</span></label>`;
    })
    .join('');
  const lessonSelect = form.querySelector<HTMLSelectElement>('select[name="lesson"]')!;
  lessonSelect.innerHTML = topics.map((t) => `<option value="${escapeHtml(t.lesson)}">${escapeHtml(t.title)}</option>`).join('');

  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  const mode = params.get('mode');
  if (mode) form.querySelector<HTMLInputElement>(`input[name="mode"][value="${CSS.escape(mode)}"]`)?.click();
  for (const name of ['level', 'count', 'minutes', 'seed', 'lesson']) {
    const value = params.get(name);
    const input = field(name);
    if (value && input) input.value = value;
  }
  if (params.get('seed')) {
    const notice = root.querySelector<HTMLElement>('[data-shared-notice]')!;
    notice.hidden = false;
  }

  const sync = () => {
    const current = (form.querySelector<HTMLInputElement>('input[name="mode"]:checked')?.value ?? 'practice') as keyof typeof MODE_TITLES;
    for (const el of root.querySelectorAll<HTMLElement>('[data-for-modes]')) {
      el.hidden = !el.dataset.forModes!.split(' ').includes(current);
    }
    const count = field('count') as HTMLInputElement;
    if (!params.get('count')) count.value = current === 'mock' ? '20' : current === 'lesson' ? '5' : '10';
  };
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name === 'mode') sync();
  });
  sync();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const selected = String(data.get('mode') ?? 'practice');
    const body: Record<string, unknown> = { mode: selected, tzOffset };
    if (selected !== 'review') {
      body.count = Number(data.get('count'));
      if (selected === 'lesson') body.lesson = data.get('lesson');
      else {
        body.topics = data.getAll('topics');
        body.level = data.get('level');
      }
      const seed = String(data.get('seed') ?? '').trim();
      if (seed) body.seed = seed;
      if (selected === 'mock') body.minutes = Number(data.get('minutes'));
    }
    status.textContent = 'Starting…';
    try {
      const session = await api<SessionView>('/api/quiz/sessions', { json: body });
      location.assign(`/quiz/session/?id=${encodeURIComponent(session.id)}`);
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });

  try {
    const stats = await api<QuizStats>(`/api/quiz/stats?tzOffset=${tzOffset}`);
    root.querySelector('[data-due-count]')!.textContent = String(stats.dueToday);
    root.querySelector('[data-due-items]')!.innerHTML = stats.dueItems
      .map((item) => {
        const exercise = item.exercise ? ` · <a href="${escapeHtml(item.exercise.url)}">exercise ${escapeHtml(item.exercise.id)}</a>` : '';
        return `<li>${escapeHtml(item.title)}: <a href="${escapeHtml(item.lesson.url)}">read the lesson section</a>${exercise}</li>`;
      })
      .join('');
    const recent = stats.recent
      .map((s) => {
        const href = s.submittedAt ? `/quiz/results/?id=${encodeURIComponent(s.id)}` : `/quiz/session/?id=${encodeURIComponent(s.id)}`;
        const when = new Date(s.createdAt).toLocaleString();
        return `<li><a href="${href}">${escapeHtml(MODE_TITLES[s.mode] ?? s.mode)}, ${escapeHtml(when)}</a>: ${s.submittedAt ? `${s.score} of ${s.maxScore}` : 'in progress'}</li>`;
      })
      .join('');
    root.querySelector('[data-recent]')!.innerHTML = recent || '<li>No quizzes yet.</li>';
  } catch {
    root.querySelector('[data-recent]')!.innerHTML = '<li>Your quiz history appears here once the server is reachable.</li>';
  }
}
