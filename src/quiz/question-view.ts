/**
 * @module What the browser may see of a question: `publicQuestion` before it is due (no key, no explanation) and
 * `revealedQuestion` after (every option's verdict and explanation, sources, lesson and exercise links).
 * Options are shown in a per-session shuffled order. Ordering options also get per-session opaque ids, because the
 * bank lists them in the right order and its ids ("a", "b", "c") would give the answer away.
 */
import { createHash } from 'node:crypto';
import { lessonUrl } from '../content/lesson-url.ts';
import type { Question } from './question-schema.ts';
import { seededRandom, seededShuffle } from './seeded-random.ts';

export interface PublicOption {
  id: string;
  text: string;
}

export interface PublicQuestion {
  id: string;
  type: Question['type'];
  prompt: string;
  topic: string;
  level: Question['level'];
  options?: PublicOption[];
  /** Free response: how many rubric items there will be to self-grade against. */
  rubricSize?: number;
  /** Hands-on: the exercise that answers the question. */
  exercise?: { id: string; url: string };
}

export interface Link {
  id: string;
  url: string;
}

export interface RevealedQuestion {
  explanation: string;
  sources: string[];
  options?: (PublicOption & { correct: boolean; explanation: string; position?: number })[];
  /** Ordering: the public option ids in the right order. */
  correctOrder?: string[];
  modelAnswer?: string;
  rubric?: string[];
  lesson: Link;
  exercise?: Link;
}

function publicOptionId(sessionId: string, question: Question, optionId: string): string {
  if (question.type !== 'ordering') return optionId;
  return 'o' + createHash('sha256').update(`${sessionId}\0${question.id}\0${optionId}`).digest('hex').slice(0, 8);
}

/** Maps the session's public option ids back to the bank's; unknown ids pass through (and fail validation). */
export function toBankOptionIds(sessionId: string, question: Question, answer: unknown): unknown {
  if (question.type !== 'ordering' || !Array.isArray(answer)) return answer;
  const map = new Map(question.options.map((o) => [publicOptionId(sessionId, question, o.id), o.id]));
  return answer.map((id) => (typeof id === 'string' ? (map.get(id) ?? id) : id));
}

/** The bank answer as the learner sees it (public ids). */
export function toPublicOptionIds(sessionId: string, question: Question, answer: unknown): unknown {
  if (question.type !== 'ordering' || !Array.isArray(answer)) return answer;
  return answer.map((id) => (typeof id === 'string' ? publicOptionId(sessionId, question, id) : id));
}

function displayedOptions(sessionId: string, question: Question): PublicOption[] | undefined {
  if (!('options' in question)) return undefined;
  // Shuffled per session so a question that comes back in review cannot be answered by remembering a position.
  let options = seededShuffle(question.options, seededRandom(`${sessionId}:${question.id}`));
  if (question.type === 'ordering' && options.every((o, i) => o.id === question.options[i]?.id)) {
    // A shuffle that happens to be the answer would be a free point: rotate it by one.
    options = [...options.slice(1), options[0]!];
  }
  return options.map((o) => ({ id: publicOptionId(sessionId, question, o.id), text: o.text }));
}

export function exerciseLink(exerciseId: string, lessonId: string): Link {
  return { id: exerciseId, url: `${lessonUrl(lessonId)}#exercise-${exerciseId}` };
}

export function publicQuestion(sessionId: string, question: Question): PublicQuestion {
  const view: PublicQuestion = { id: question.id, type: question.type, prompt: question.prompt, topic: question.topic, level: question.level };
  const options = displayedOptions(sessionId, question);
  if (options) view.options = options;
  if (question.type === 'free') view.rubricSize = question.rubric.length;
  if (question.type === 'hands-on') view.exercise = exerciseLink(question.exercise, question.lesson.split('#')[0]!);
  return view;
}

/** The lesson section a question is about, and the exercise to practise it (its own, or its lesson's first). */
export function questionLinks(question: Question, lessonExercises: readonly string[] = []): { lesson: Link; exercise?: Link } {
  const [lessonId = question.lesson, anchor] = question.lesson.split('#');
  const lesson = { id: lessonId, url: lessonUrl(lessonId) + (anchor ? `#${anchor}` : '') };
  if (question.type === 'hands-on') return { lesson, exercise: exerciseLink(question.exercise, lessonId) };
  return lessonExercises[0] ? { lesson, exercise: exerciseLink(lessonExercises[0], lessonId) } : { lesson };
}

/**
 * @param topicExercises exercises of the question's lesson (from lesson frontmatter), linked when the question itself
 *   is not hands-on, so a missed question leads to practice.
 */
export function revealedQuestion(sessionId: string, question: Question, topicExercises: readonly string[] = []): RevealedQuestion {
  const links = questionLinks(question, topicExercises);
  const revealed: RevealedQuestion = { explanation: question.explanation, sources: [...question.sources], lesson: links.lesson };
  if (links.exercise) revealed.exercise = links.exercise;
  if ('options' in question) {
    const shown = displayedOptions(sessionId, question) ?? [];
    revealed.options = shown.map((option) => {
      const index = question.options.findIndex((o) => publicOptionId(sessionId, question, o.id) === option.id);
      const source = question.options[index]!;
      return question.type === 'ordering'
        ? { ...option, correct: true, explanation: source.explanation, position: index + 1 }
        : { ...option, correct: source.correct === true, explanation: source.explanation };
    });
    if (question.type === 'ordering') revealed.correctOrder = question.options.map((o) => publicOptionId(sessionId, question, o.id));
  }
  if (question.type === 'free') {
    revealed.modelAnswer = question.modelAnswer;
    revealed.rubric = [...question.rubric];
  }
  return revealed;
}
