/**
 * @module Browser side of ExercisePanel.astro. Start asks the server for the exercise's sandbox (setup applied) and
 * sends the page's terminal to it (`cachelab:sandbox` on window); Check shows the server's verdict condition by
 * condition; Hint reveals the next hint; Solution asks first, because viewing it is recorded. The learner's status
 * comes from GET /api/exercises, which carries no hint, check or solution text.
 */
import { inlineMarkup } from '../mdx/inline-markup.ts';
import { solutionMarkup } from './solution-markup.ts';

/** What the terminal panel listens for: switch to this sandbox (and print `notice`, if any). */
export const SANDBOX_EVENT = 'cachelab:sandbox';
export interface SandboxEventDetail {
  sandboxId: string;
  topology: string;
  notice?: string;
}

interface Condition {
  name: string;
  passed: boolean;
  message: string;
}

interface ExerciseStatus {
  attempts: number;
  passed: boolean;
  hintsUsed: number;
  solutionViewed: boolean;
  passedAfterSolution: boolean;
  lastChecks?: Condition[];
}

interface ExerciseSummary {
  id: string;
  points: number;
  hints: number;
  status: ExerciseStatus | null;
}

class ApiError extends Error {}

async function api<T>(path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('The server cannot be reached. Check your connection and try again.');
  }
  const json = (await response.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
  if (!response.ok) throw new ApiError(json?.error ?? `The server answered ${response.status}.`);
  return json as T;
}

let summaries: Promise<Map<string, ExerciseSummary>> | undefined;

function loadSummaries(): Promise<Map<string, ExerciseSummary>> {
  summaries = api<ExerciseSummary[]>('/api/exercises').then((list) => new Map(list.map((e) => [e.id, e])));
  return summaries;
}

class ExercisePanel {
  readonly id: string;
  private readonly status: HTMLElement;
  private readonly message: HTMLElement;
  private readonly result: HTMLElement;
  private readonly hints: HTMLOListElement;
  private readonly solution: HTMLElement;
  private readonly dialog: HTMLDialogElement;
  private readonly buttons: Record<'start' | 'check' | 'hint' | 'solution', HTMLButtonElement>;
  private hintTotal = 0;

  constructor(private readonly root: HTMLElement) {
    this.id = root.dataset.exercisePanel!;
    const part = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
    this.status = part('[data-exercise-status]');
    this.message = part('[data-exercise-message]');
    this.result = part('[data-exercise-result]');
    this.hints = part<HTMLOListElement>('[data-exercise-hints]');
    this.solution = part('[data-exercise-solution]');
    this.dialog = part<HTMLDialogElement>('[data-exercise-confirm]');
    const button = (action: string) => part<HTMLButtonElement>(`[data-exercise-action="${action}"]`);
    this.buttons = { start: button('start'), check: button('check'), hint: button('hint'), solution: button('solution') };
    this.buttons.start.addEventListener('click', () => void this.busy('start', () => this.start()));
    this.buttons.check.addEventListener('click', () => void this.busy('check', () => this.check()));
    this.buttons.hint.addEventListener('click', () => void this.busy('hint', () => this.hint()));
    this.buttons.solution.addEventListener('click', () => this.dialog.showModal());
    this.dialog.addEventListener('close', () => {
      if (this.dialog.returnValue === 'show') void this.busy('solution', () => this.showSolution());
      else this.buttons.solution.focus();
      this.dialog.returnValue = '';
    });
  }

  /** Shows the learner's status from GET /api/exercises and enables the buttons. */
  show(summary: ExerciseSummary | undefined): void {
    if (!summary) {
      this.say('This exercise is not installed on this server.', 'error');
      return;
    }
    this.hintTotal = summary.hints;
    this.render(summary.status);
    if (summary.status?.lastChecks?.length) this.renderChecks(summary.status.passed && summary.status.lastChecks.every((c) => c.passed), summary.status.lastChecks, 'Last check');
    for (const button of Object.values(this.buttons)) button.disabled = false;
    this.status.hidden = false;
    for (const group of this.root.querySelectorAll<HTMLElement>('[data-exercise-actions]')) group.hidden = false;
    if (summary.status && (summary.status.hintsUsed > 0 || summary.status.solutionViewed)) void this.showRevealed();
  }

  /** After a reload: the hints this learner already unlocked, and the solution if they viewed it. */
  private async showRevealed(): Promise<void> {
    const revealed = await api<{ hints: string[]; solution: string | null }>(`/api/exercises/${encodeURIComponent(this.id)}/revealed`).catch(
      () => undefined,
    );
    if (!revealed) return;
    revealed.hints.forEach((hint, i) => this.addHint(hint, i + 1, this.hintTotal));
    if (revealed.solution !== null) this.renderSolution(revealed.solution);
  }

  private addHint(hint: string, index: number, total: number): void {
    this.hints.hidden = false;
    if (this.hints.querySelector(`li[data-hint="${index}"]`)) return;
    const item = document.createElement('li');
    item.dataset.hint = String(index);
    item.value = index;
    item.innerHTML = `<span class="visually-hidden">Hint ${index} of ${total}: </span>${inlineMarkup(hint)}`;
    this.hints.append(item);
  }

  private renderSolution(solution: string): void {
    this.solution.innerHTML = `<h4>Solution</h4>${solutionMarkup(solution)}`;
    this.solution.hidden = false;
  }

  private render(status: ExerciseStatus | null): void {
    const parts: string[] = [];
    if (!status) parts.push('Not started');
    else {
      parts.push(status.passed ? (status.passedAfterSolution ? 'Passed (after viewing the solution)' : 'Passed') : 'Not passed yet');
      parts.push(`${status.attempts} check${status.attempts === 1 ? '' : 's'}`);
      parts.push(`hints ${Math.min(status.hintsUsed, this.hintTotal || status.hintsUsed)} of ${this.hintTotal}`);
      if (status.solutionViewed) parts.push('solution viewed');
    }
    this.status.textContent = parts.join(' · ');
    this.root.dataset.exerciseState = !status ? 'new' : status.passed ? 'passed' : 'started';
  }

  private async refresh(): Promise<void> {
    const summary = (await loadSummaries().catch(() => undefined))?.get(this.id);
    if (summary) this.render(summary.status);
  }

  private say(text: string, tone: 'info' | 'error' = 'info'): void {
    this.message.dataset.tone = tone;
    this.message.textContent = text;
  }

  /** Runs one action with its button disabled, and turns any failure into a message the learner can act on. */
  private async busy(action: keyof ExercisePanel['buttons'], run: () => Promise<void>): Promise<void> {
    const button = this.buttons[action];
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await run();
    } catch (error) {
      this.say(error instanceof Error ? error.message : String(error), 'error');
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  private async start(): Promise<void> {
    this.say('Preparing your sandbox with the starting state…');
    const started = await api<{ id: string; replicationGroupId: string; topology: string; notice: string | null }>(
      `/api/exercises/${encodeURIComponent(this.id)}/start`,
      {},
    );
    const notice = started.notice ?? undefined;
    this.say(`${notice ? `${notice} ` : ''}Ready: the terminal now uses ${started.replicationGroupId}. Follow the steps, then press Check.`);
    window.dispatchEvent(
      new CustomEvent<SandboxEventDetail>(SANDBOX_EVENT, { detail: { sandboxId: started.id, topology: started.topology, notice } }),
    );
    await this.refresh();
  }

  private async check(): Promise<void> {
    this.say('Checking your sandbox…');
    const verdict = await api<{ passed: boolean; checks: Condition[] }>(`/api/exercises/${encodeURIComponent(this.id)}/check`, {});
    this.say('');
    this.renderChecks(verdict.passed, verdict.checks, 'Check');
    await this.refresh();
  }

  private renderChecks(passed: boolean, checks: Condition[], label: string): void {
    const failed = checks.filter((c) => !c.passed).length;
    const verdict = document.createElement('p');
    verdict.className = 'exercise__verdict';
    verdict.dataset.verdict = passed ? 'passed' : 'failed';
    verdict.textContent = passed
      ? `${label}: passed. ${checks.length === 1 ? 'The condition is' : `All ${checks.length} conditions are`} met.`
      : `${label}: not yet. ${failed} of ${checks.length} ${checks.length === 1 ? 'condition' : 'conditions'} not met.`;
    const list = document.createElement('ul');
    for (const c of checks) {
      const item = document.createElement('li');
      item.dataset.passed = String(c.passed);
      item.innerHTML =
        `<span class="exercise__mark" data-passed="${c.passed}" aria-hidden="true">${c.passed ? '✔' : '✘'}</span>` +
        `<span><span class="visually-hidden">${c.passed ? 'Met: ' : 'Not met: '}</span><strong>${inlineMarkup(c.name)}</strong>: ${inlineMarkup(c.message)}</span>`;
      list.append(item);
    }
    this.result.replaceChildren(verdict, list);
  }

  private async hint(): Promise<void> {
    const { hint, index, total } = await api<{ hint: string; index: number; total: number }>(
      `/api/exercises/${encodeURIComponent(this.id)}/hint`,
      {},
    );
    this.addHint(hint, index, total);
    this.say(index < total ? `Hint ${index} of ${total} shown below.` : `That was the last hint (${total} of ${total}).`);
    await this.refresh();
  }

  private async showSolution(): Promise<void> {
    const { solution } = await api<{ solution: string }>(`/api/exercises/${encodeURIComponent(this.id)}/solution`, { confirm: true });
    this.renderSolution(solution);
    this.solution.focus();
    this.say('Solution shown; it is recorded as viewed.');
    await this.refresh();
  }
}

let enabled = false;

/** Wires every exercise panel on the page (idempotent: each panel's script tag calls it). */
export function enableExercisePanels(): void {
  if (enabled) return;
  enabled = true;
  const panels = [...document.querySelectorAll<HTMLElement>('[data-exercise-panel]')]
    .filter((root) => root.querySelector('[data-exercise-action]'))
    .map((root) => new ExercisePanel(root));
  if (panels.length === 0) return;
  void loadSummaries().then(
    (byId) => {
      for (const panel of panels) panel.show(byId.get(panel.id));
    },
    () => undefined,
  );
}
