/** @module Browser side: the feedback block of an answered question (verdict, every option explained, sources, links, rubric). */
import type { ItemFeedback, SessionQuestionView } from '../session-view.ts';
import { escapeHtml } from '../chart-svg.ts';
import { inlineText } from './inline-text.ts';

export function verdictText(question: SessionQuestionView, feedback: ItemFeedback): string {
  if (!question.answered) return 'Not answered';
  if (feedback.needsSelfGrade) return 'Compare your answer with the model answer, then tick what you covered';
  if (feedback.correct) return question.type === 'free' ? 'Well covered' : 'Correct';
  if (question.type === 'hands-on') return 'Not passed yet: pass the exercise first';
  if (feedback.score !== null && feedback.score > 0) return `Partly right: ${Math.round(feedback.score * 100)} %`;
  return question.type === 'free' ? 'Needs more work: it will come back in your daily review' : 'Not quite';
}

function picked(question: SessionQuestionView, optionId: string): boolean {
  return Array.isArray(question.answer) ? question.answer.includes(optionId) : question.answer === optionId;
}

function optionsHtml(question: SessionQuestionView, feedback: ItemFeedback): string {
  if (!feedback.options) return '';
  if (question.type === 'ordering') {
    const yours = Array.isArray(question.answer) ? (question.answer as string[]) : [];
    const byId = new Map(feedback.options.map((o) => [o.id, o]));
    const right = (feedback.correctOrder ?? []).map((id, i) => {
      const option = byId.get(id)!;
      const place = yours.indexOf(id);
      const mark = place === i ? 'in the right place' : place >= 0 ? `you put it at ${place + 1}` : 'not placed';
      return `<li><strong>${inlineText(option.text)}</strong> <span class="feedback__mark">(${mark})</span><br>${inlineText(option.explanation)}</li>`;
    });
    return `<h4>The right order</h4><ol class="feedback__options">${right.join('')}</ol>`;
  }
  const items = feedback.options.map((o) => {
    const marks = [o.correct ? 'right answer' : '', picked(question, o.id) ? 'your pick' : ''].filter(Boolean).join(', ');
    const cls = o.correct ? 'feedback__option feedback__option--right' : 'feedback__option';
    return `<li class="${cls}"><strong>${inlineText(o.text)}</strong>${marks ? ` <span class="feedback__mark">(${marks})</span>` : ''}<br>${inlineText(o.explanation)}</li>`;
  });
  return `<h4>Every option explained</h4><ul class="feedback__options">${items.join('')}</ul>`;
}

function freeHtml(question: SessionQuestionView, feedback: ItemFeedback, selfGradable: boolean): string {
  if (!feedback.rubric) return '';
  const yours = typeof question.answer === 'string' && question.answer ? `<h4>Your answer</h4><blockquote>${inlineText(question.answer)}</blockquote>` : '';
  const model = `<h4>Model answer</h4><p>${inlineText(feedback.modelAnswer ?? '')}</p>`;
  if (feedback.needsSelfGrade && selfGradable) {
    const boxes = feedback.rubric
      .map((item, i) => `<label class="choice"><input type="checkbox" name="met" value="${i}"> ${inlineText(item)}</label>`)
      .join('');
    return `${yours}${model}<form class="self-grade" data-self-grade="${escapeHtml(question.id)}"><fieldset><legend>Which points did your answer cover?</legend>${boxes}</fieldset><button class="button" type="submit">Save self-grade</button></form>`;
  }
  const met = new Set(feedback.selfGradeMet ?? []);
  const list = feedback.rubric.map((item, i) => `<li>${met.has(i) ? 'Covered' : 'Not covered'}: ${inlineText(item)}</li>`).join('');
  return `${yours}${model}<h4>Rubric</h4><ul>${list}</ul>`;
}

export function feedbackHtml(question: SessionQuestionView, feedback: ItemFeedback, options: { selfGradable: boolean }): string {
  const tone = feedback.needsSelfGrade ? 'pending' : feedback.correct ? 'right' : 'wrong';
  const sources = feedback.sources
    .map((url) => `<li><a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(url.replace(/^https:\/\//, ''))}</a></li>`)
    .join('');
  const exercise = feedback.exercise ? ` · <a href="${escapeHtml(feedback.exercise.url)}">Practise it: exercise ${escapeHtml(feedback.exercise.id)}</a>` : '';
  return [
    `<div class="feedback feedback--${tone}" data-verdict="${tone}">`,
    `<p class="feedback__verdict"><strong>${escapeHtml(verdictText(question, feedback))}</strong></p>`,
    `<p>${inlineText(feedback.explanation)}</p>`,
    optionsHtml(question, feedback),
    freeHtml(question, feedback, options.selfGradable),
    `<p><a href="${escapeHtml(feedback.lesson.url)}">Read the lesson section</a>${exercise}</p>`,
    `<h4>Sources</h4><ul class="feedback__sources">${sources}</ul>`,
    '</div>',
  ].join('');
}
