/**
 * @module Browser side of /quiz/results/?id=...: score, per-topic breakdown (inline SVG chart plus the same data as
 * a table), time per question, and every question with its explanation and sources. Free answers of a mock
 * interview are self-graded here.
 */
import type { SessionView } from '../session-view.ts';
import { barChartSvg, escapeHtml } from '../chart-svg.ts';
import { api } from './api.ts';
import { formatDuration, inlineText, MODE_TITLES } from './inline-text.ts';
import { feedbackHtml, verdictText } from './render-feedback.ts';

function percent(score: number, max: number): number {
  return max === 0 ? 0 : Math.round((score / max) * 100);
}

function summaryHtml(view: SessionView): string {
  const r = view.results!;
  const notes = [
    view.autoSubmitted ? '<p class="results__note">Time ran out: the interview was submitted automatically at the deadline.</p>' : '',
    r.pendingSelfGrade > 0
      ? `<p class="results__note">${r.pendingSelfGrade} free-response answer${r.pendingSelfGrade === 1 ? '' : 's'} still to self-grade below; the score counts them once graded.</p>`
      : '',
  ].join('');
  return (
    `<p class="results__score" data-score><strong>${r.score} of ${r.maxScore}</strong> (${r.percent} %) · ${r.correct} fully correct · ` +
    `${r.unanswered} unanswered · ${formatDuration(r.durationMs)}</p>${notes}`
  );
}

function breakdownHtml(view: SessionView): string {
  const topics = view.results!.byTopic;
  const chart = barChartSvg(
    'Score per topic',
    topics.map((t) => ({ label: t.title, value: t.score, max: t.questions, valueText: `${t.score} of ${t.questions} (${percent(t.score, t.questions)} %)` })),
  );
  const rows = topics
    .map((t) => `<tr><th scope="row">${escapeHtml(t.title)}</th><td>${t.questions}</td><td>${t.correct}</td><td>${t.score}</td><td>${percent(t.score, t.questions)} %</td></tr>`)
    .join('');
  return (
    `<figure class="results__chart" data-breakdown-chart>${chart}<figcaption>Score per topic; the table below has the same numbers.</figcaption></figure>` +
    `<table data-breakdown-table><caption>Score per topic</caption><thead><tr><th scope="col">Topic</th><th scope="col">Questions</th>` +
    `<th scope="col">Correct</th><th scope="col">Score</th><th scope="col">Percent</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function timesHtml(view: SessionView): string {
  const rows = view.questions
    .map((q, i) => {
      const verdict = (q.feedback ? verdictText(q, q.feedback) : 'Not answered') + (q.flagged ? ' (you flagged it)' : '');
      return `<tr><td>${i + 1}</td><td><a href="#q-${escapeHtml(q.id)}">${inlineText(q.prompt.length > 90 ? `${q.prompt.slice(0, 88)}…` : q.prompt)}</a></td><td>${formatDuration(q.elapsedMs)}</td><td>${escapeHtml(verdict)}</td></tr>`;
    })
    .join('');
  return `<table data-times-table><caption>Time per question</caption><thead><tr><th scope="col">#</th><th scope="col">Question</th><th scope="col">Time</th><th scope="col">Result</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function questionsHtml(view: SessionView): string {
  return view.questions
    .map(
      (q, i) =>
        `<article class="results__question" id="q-${escapeHtml(q.id)}" data-result-question><h3>Question ${i + 1} <span class="level level--${q.level}">${q.level}</span></h3>` +
        `<p>${inlineText(q.prompt)}</p>${q.feedback ? feedbackHtml(q, q.feedback, { selfGradable: true }) : ''}</article>`,
    )
    .join('');
}

export async function showQuizResults(root: HTMLElement): Promise<void> {
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const content = root.querySelector<HTMLElement>('[data-results]')!;
  const id = new URLSearchParams(location.search).get('id');
  if (!id) {
    status.textContent = 'No quiz session in the address. Start one from the quiz page.';
    return;
  }
  const load = () => api<SessionView>(`/api/quiz/sessions/${encodeURIComponent(id)}`);
  const render = (view: SessionView) => {
    if (!view.submitted) {
      content.innerHTML = `<p>This session is still open. <a href="/quiz/session/?id=${encodeURIComponent(view.id)}">Continue it</a>.</p>`;
      return;
    }
    const share = view.shareUrl
      ? `<p>Same questions for your study group: <a href="${escapeHtml(view.shareUrl)}" data-share-link>${escapeHtml(location.origin + view.shareUrl)}</a></p>`
      : '';
    content.innerHTML =
      `<h1>${escapeHtml(MODE_TITLES[view.mode] ?? 'Quiz')} results</h1>${summaryHtml(view)}${share}` +
      `<h2>Breakdown by topic</h2>${breakdownHtml(view)}<h2>Time per question</h2>${timesHtml(view)}` +
      `<h2>Every question, explained</h2>${questionsHtml(view)}<p><a class="button" href="/quiz/">Back to the quiz page</a></p>`;
  };
  try {
    render(await load());
  } catch (error) {
    status.textContent = (error as Error).message;
    return;
  }
  content.addEventListener('submit', async (event) => {
    const form = (event.target as HTMLElement).closest<HTMLFormElement>('form[data-self-grade]');
    if (!form) return;
    event.preventDefault();
    const met = [...form.querySelectorAll<HTMLInputElement>('input[name="met"]:checked')].map((i) => Number(i.value));
    try {
      await api(`/api/quiz/sessions/${encodeURIComponent(id)}/answers`, { json: { questionId: form.dataset.selfGrade, selfGrade: { met } } });
      render(await load());
      status.textContent = 'Self-grade saved; the score is updated.';
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });
}
