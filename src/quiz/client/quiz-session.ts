/**
 * @module Browser side of /quiz/session/?id=...: one question at a time with navigation, flags, a server-synced
 * countdown (mock), immediate feedback (practice, lesson, review) and submission. Grading stays on the server.
 */
import type { AnswerResponse } from '../quiz-service.ts';
import type { ItemFeedback, SessionQuestionView, SessionView } from '../session-view.ts';
import { api } from './api.ts';
import { MODE_TITLES } from './inline-text.ts';
import { feedbackHtml, verdictText } from './render-feedback.ts';
import { enableOrdering, questionFieldsetHtml, readAnswer } from './render-question.ts';

function resultsUrl(id: string): string {
  return `/quiz/results/?id=${encodeURIComponent(id)}`;
}

export async function startQuizSession(root: HTMLElement): Promise<void> {
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const status = $('[data-status]');
  const id = new URLSearchParams(location.search).get('id');
  if (!id) {
    status.textContent = 'No quiz session in the address. Start one from the quiz page.';
    return;
  }
  let view: SessionView;
  try {
    view = await api<SessionView>(`/api/quiz/sessions/${encodeURIComponent(id)}`);
  } catch (error) {
    status.textContent = (error as Error).message;
    return;
  }
  if (view.submitted) {
    location.replace(resultsUrl(view.id));
    return;
  }

  const mock = view.mode === 'mock';
  const spent = new Map(view.questions.map((q) => [q.id, q.elapsedMs]));
  let index = Math.max(0, view.questions.findIndex((q) => !q.answered));
  let shownAt = Date.now();
  const form = $<HTMLFormElement>('[data-answer-form]');
  const feedback = $('[data-feedback]');
  const nav = $('[data-question-nav]');
  const confirmPanel = $('[data-confirm]');
  $('[data-session-title]').textContent = `${MODE_TITLES[view.mode] ?? 'Quiz'}: ${view.questions.length} questions`;
  $('[data-finish]').textContent = mock ? 'Submit interview' : 'Finish';
  enableOrdering(form, status);

  const current = () => view.questions[index]!;
  const elapsedOf = (q: SessionQuestionView) => (spent.get(q.id) ?? 0) + (q === current() ? Date.now() - shownAt : 0);

  function leaveQuestion() {
    const q = current();
    spent.set(q.id, elapsedOf(q));
    shownAt = Date.now();
  }

  function renderNav() {
    nav.innerHTML = `<ol class="qnav">${view.questions
      .map((q, i) => {
        const state = [q.answered ? 'answered' : 'not answered', q.flagged ? 'flagged for review' : ''].filter(Boolean).join(', ');
        const cls = ['qnav__item', q.answered ? 'qnav__item--answered' : '', q.flagged ? 'qnav__item--flagged' : ''].join(' ');
        return `<li><button type="button" class="${cls}" data-goto="${i}" aria-label="Question ${i + 1}: ${state}"${i === index ? ' aria-current="step"' : ''}>${i + 1}${q.flagged ? ' ⚑' : ''}</button></li>`;
      })
      .join('')}</ol>`;
  }

  function render(focusLegend = false) {
    const q = current();
    const retry = q.type === 'hands-on' && q.feedback?.correct !== true;
    const locked = !mock && q.answered && !retry;
    const label = q.type === 'hands-on' ? 'Check the exercise' : mock ? 'Save answer' : 'Check answer';
    form.innerHTML =
      questionFieldsetHtml(q, index + 1, view.questions.length, locked) +
      (locked ? '' : `<button class="button" type="submit" data-submit-answer>${label}</button>`);
    feedback.innerHTML = q.feedback ? feedbackHtml(q, q.feedback, { selfGradable: true }) : '';
    const flag = $<HTMLButtonElement>('[data-flag]');
    flag.setAttribute('aria-pressed', String(q.flagged));
    flag.textContent = q.flagged ? 'Unflag' : 'Flag for review';
    $<HTMLButtonElement>('[data-prev]').disabled = index === 0;
    $<HTMLButtonElement>('[data-next]').disabled = index === view.questions.length - 1;
    renderNav();
    if (focusLegend) form.querySelector<HTMLElement>('legend')?.setAttribute('tabindex', '-1');
    if (focusLegend) form.querySelector<HTMLElement>('legend')?.focus();
  }

  function go(to: number) {
    if (to < 0 || to >= view.questions.length || to === index) return;
    leaveQuestion();
    index = to;
    confirmPanel.hidden = true;
    render(true);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = current();
    const answer = readAnswer(form, q);
    if (answer === undefined || (Array.isArray(answer) && answer.length === 0 && q.type === 'multiple')) {
      status.textContent = q.type === 'free' ? 'Write an answer first.' : 'Choose an answer first.';
      return;
    }
    try {
      const response = await api<AnswerResponse>(`/api/quiz/sessions/${view.id}/answers`, {
        json: { questionId: q.id, answer, elapsedMs: Math.round(elapsedOf(q)) },
      });
      q.answered = true;
      q.answer = answer;
      if ('recorded' in response) {
        status.textContent = `Answer saved. ${response.answered} of ${response.total} answered.`;
      } else {
        const { questionId: _id, ...rest } = response;
        q.feedback = rest as ItemFeedback;
        // Only the verdict is announced; the explanation follows the form for reading at the learner's pace.
        status.textContent = `${verdictText(q, q.feedback)}. The explanation follows below.`;
      }
      render();
    } catch (error) {
      status.textContent = (error as Error).message;
      if (/Time is up/.test((error as Error).message)) location.replace(resultsUrl(view.id));
    }
  });

  feedback.addEventListener('submit', async (event) => {
    const selfGrade = (event.target as HTMLElement).closest<HTMLFormElement>('form[data-self-grade]');
    if (!selfGrade) return;
    event.preventDefault();
    const met = [...selfGrade.querySelectorAll<HTMLInputElement>('input[name="met"]:checked')].map((i) => Number(i.value));
    try {
      const response = await api<AnswerResponse>(`/api/quiz/sessions/${view.id}/answers`, { json: { questionId: current().id, selfGrade: { met } } });
      if (!('recorded' in response)) {
        const { questionId: _id, ...rest } = response;
        current().feedback = rest as ItemFeedback;
      }
      render();
      status.textContent = 'Self-grade saved.';
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });

  nav.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-goto]');
    if (button) go(Number(button.dataset.goto));
  });
  $('[data-prev]').addEventListener('click', () => go(index - 1));
  $('[data-next]').addEventListener('click', () => go(index + 1));
  $('[data-flag]').addEventListener('click', async () => {
    const q = current();
    try {
      const result = await api<{ flagged: boolean }>(`/api/quiz/sessions/${view.id}/flags`, { json: { questionId: q.id, flagged: !q.flagged } });
      q.flagged = result.flagged;
      status.textContent = q.flagged ? `Question ${index + 1} flagged for review.` : `Flag removed from question ${index + 1}.`;
      render();
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });

  async function submitSession() {
    leaveQuestion();
    try {
      await api(`/api/quiz/sessions/${view.id}/submit`, { method: 'POST' });
      location.assign(resultsUrl(view.id));
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  }
  $('[data-finish]').addEventListener('click', () => {
    const open = view.questions.filter((q) => !q.answered).length;
    const flagged = view.questions.filter((q) => q.flagged).length;
    if (open === 0 && flagged === 0) return void submitSession();
    $('[data-confirm-text]').textContent =
      `${open} question${open === 1 ? '' : 's'} not answered and ${flagged} flagged for review. Submit anyway? Unanswered questions score zero.`;
    confirmPanel.hidden = false;
    $<HTMLButtonElement>('[data-confirm-yes]').focus();
  });
  $('[data-confirm-yes]').addEventListener('click', () => void submitSession());
  $('[data-confirm-no]').addEventListener('click', () => {
    confirmPanel.hidden = true;
    $<HTMLButtonElement>('[data-finish]').focus();
  });

  if (view.deadline !== null) startCountdown(root, view, () => location.replace(resultsUrl(view.id)));
  render();
  root.hidden = false;
}

/** Counts down against the server's clock; at zero it waits until the server has auto-submitted, then leaves. */
function startCountdown(root: HTMLElement, view: SessionView, done: () => void): void {
  const timer = root.querySelector<HTMLElement>('[data-timer]')!;
  const announce = root.querySelector<HTMLElement>('[data-timer-announce]')!;
  const skew = view.serverNow - Date.now();
  const announced = new Set<number>();
  const tick = async () => {
    const left = view.deadline! - (Date.now() + skew);
    const seconds = Math.max(0, Math.ceil(left / 1000));
    timer.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} left`;
    for (const minutes of [5, 1]) {
      if (seconds <= minutes * 60 && seconds > 0 && !announced.has(minutes)) {
        announced.add(minutes);
        announce.textContent = `${minutes} minute${minutes === 1 ? '' : 's'} left.`;
      }
    }
    if (left > 0) return;
    clearInterval(handle);
    announce.textContent = 'Time is up. Your answers are being submitted.';
    for (;;) {
      const latest = await api<SessionView>(`/api/quiz/sessions/${view.id}`).catch(() => undefined);
      if (latest?.submitted) return done();
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  const handle = setInterval(() => void tick(), 1000);
  void tick();
}
