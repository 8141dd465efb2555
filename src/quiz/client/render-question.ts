/** @module Browser side: the answer inputs of one question (radios, checkboxes, a reorderable list, a text box) and reading them back. */
import type { SessionQuestionView } from '../session-view.ts';
import { escapeHtml } from '../chart-svg.ts';
import { inlineText } from './inline-text.ts';

const TYPE_HINTS: Record<SessionQuestionView['type'], string> = {
  single: 'Choose one answer.',
  scenario: 'Choose the best fit for the scenario.',
  multiple: 'Select all that apply.',
  ordering: 'Put the steps in order with the Move buttons.',
  free: 'Answer as you would in an interview; then grade yourself against the rubric.',
  'hands-on': 'Pass the exercise in the lab, then come back and check.',
};

function choiceInputs(question: SessionQuestionView, disabled: boolean): string {
  const type = question.type === 'multiple' ? 'checkbox' : 'radio';
  return (question.options ?? [])
    .map((option) => {
      const checked = Array.isArray(question.answer) ? question.answer.includes(option.id) : question.answer === option.id;
      return `<label class="choice"><input type="${type}" name="answer" value="${escapeHtml(option.id)}"${checked ? ' checked' : ''}${disabled ? ' disabled' : ''}> <span>${inlineText(option.text)}</span></label>`;
    })
    .join('');
}

function orderingInputs(question: SessionQuestionView, disabled: boolean): string {
  const byId = new Map((question.options ?? []).map((o) => [o.id, o]));
  const saved = Array.isArray(question.answer) ? (question.answer as string[]).filter((id) => byId.has(id)) : [];
  const order = saved.length === byId.size ? saved : [...byId.keys()];
  const items = order.map((id) => {
    const text = byId.get(id)!.text;
    const buttons = disabled
      ? ''
      : `<button type="button" class="button button--quiet" data-move="up" aria-label="Move up: ${escapeHtml(text)}">Move up</button>` +
        `<button type="button" class="button button--quiet" data-move="down" aria-label="Move down: ${escapeHtml(text)}">Move down</button>`;
    return `<li class="ordering__item" data-option-id="${escapeHtml(id)}"><span>${inlineText(text)}</span> <span class="ordering__buttons">${buttons}</span></li>`;
  });
  return `<ol class="ordering" data-ordering>${items.join('')}</ol>`;
}

export function questionFieldsetHtml(question: SessionQuestionView, number: number, total: number, disabled: boolean): string {
  let inputs: string;
  if (question.type === 'ordering') inputs = orderingInputs(question, disabled);
  else if (question.type === 'free') {
    const text = typeof question.answer === 'string' ? question.answer : '';
    inputs = `<label for="free-answer" class="visually-hidden">Your answer</label><textarea id="free-answer" name="answer" rows="7"${disabled ? ' disabled' : ''}>${escapeHtml(text)}</textarea>`;
  } else if (question.type === 'hands-on') {
    const exercise = question.exercise!;
    inputs = `<p><a href="${escapeHtml(exercise.url)}">Open exercise ${escapeHtml(exercise.id)}</a>. The answer counts once the server's own check of the exercise has passed.</p>`;
  } else inputs = choiceInputs(question, disabled);
  return (
    `<fieldset class="question" aria-describedby="question-hint"><legend><span class="question__number">Question ${number} of ${total}</span> ` +
    `<span class="level level--${question.level}">${question.level}</span><span class="question__prompt">${inlineText(question.prompt)}</span></legend>` +
    `<p id="question-hint" class="question__hint">${TYPE_HINTS[question.type]}</p>${inputs}</fieldset>`
  );
}

/** The answer as the API expects it; undefined when nothing was chosen yet. */
export function readAnswer(form: HTMLFormElement, question: SessionQuestionView): unknown {
  switch (question.type) {
    case 'single':
    case 'scenario':
      return form.querySelector<HTMLInputElement>('input[name="answer"]:checked')?.value;
    case 'multiple':
      return [...form.querySelectorAll<HTMLInputElement>('input[name="answer"]:checked')].map((i) => i.value);
    case 'ordering':
      return [...form.querySelectorAll<HTMLElement>('[data-option-id]')].map((li) => li.dataset.optionId!);
    case 'free': {
      const text = form.querySelector<HTMLTextAreaElement>('textarea')?.value.trim() ?? '';
      return text === '' ? undefined : text;
    }
    case 'hands-on':
      return 'check';
  }
}

/** Wires the Move up / Move down buttons of an ordering list; announces each move in `live`. */
export function enableOrdering(form: HTMLFormElement, live: HTMLElement): void {
  form.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-move]');
    if (!button) return;
    const item = button.closest<HTMLElement>('li')!;
    const list = item.parentElement!;
    const up = button.dataset.move === 'up';
    const sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) {
      live.textContent = `Already ${up ? 'first' : 'last'}.`;
      return;
    }
    if (up) list.insertBefore(item, sibling);
    else list.insertBefore(sibling, item);
    const position = [...list.children].indexOf(item) + 1;
    live.textContent = `Moved "${item.querySelector('span')?.textContent ?? 'item'}" to position ${position} of ${list.children.length}.`;
    button.focus();
  });
}
