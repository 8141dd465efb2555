/**
 * @module The JSON a quiz session is shown as (GET /api/quiz/sessions/:id): questions without their key until they
 * are due (answered in practice/lesson/review, submitted in a mock), then feedback, and results once submitted.
 */
import type { QuizItemRecord, QuizSession } from '../progress/progress-store.ts';
import { QUIZ_TOPICS, type Question } from './question-schema.ts';
import type { QuestionBank } from './question-bank.ts';
import { publicQuestion, revealedQuestion, toPublicOptionIds, type PublicQuestion, type RevealedQuestion } from './question-view.ts';

export interface ItemFeedback extends RevealedQuestion {
  score: number | null;
  correct: boolean | null;
  /** Free response answered but not yet self-graded. */
  needsSelfGrade: boolean;
  selfGradeMet: number[] | null;
}

export interface SessionQuestionView extends PublicQuestion {
  position: number;
  flagged: boolean;
  answered: boolean;
  /** The learner's own answer (public option ids), so navigation can restore it. */
  answer: unknown;
  elapsedMs: number;
  feedback?: ItemFeedback;
}

export interface TopicResult {
  topic: string;
  title: string;
  questions: number;
  correct: number;
  score: number;
}

export interface SessionResults {
  score: number;
  maxScore: number;
  percent: number;
  correct: number;
  unanswered: number;
  pendingSelfGrade: number;
  durationMs: number;
  byTopic: TopicResult[];
}

export interface SessionView {
  id: string;
  mode: QuizSession['mode'];
  seed: string;
  settings: QuizSession['settings'];
  createdAt: number;
  deadline: number | null;
  /** Server time, so the page's countdown does not depend on the browser's clock being right. */
  serverNow: number;
  submitted: boolean;
  submittedAt: number | null;
  autoSubmitted: boolean;
  /** Page URL that rebuilds the same question set (seeded modes). */
  shareUrl: string | null;
  questions: SessionQuestionView[];
  results?: SessionResults;
}

export function isDue(session: QuizSession, item: QuizItemRecord): boolean {
  return session.submittedAt !== null || (session.mode !== 'mock' && item.answeredAt !== null);
}

export function itemFeedback(session: QuizSession, item: QuizItemRecord, question: Question, topicExercises: readonly string[]): ItemFeedback {
  return {
    ...revealedQuestion(session.id, question, topicExercises),
    score: item.score,
    correct: item.correct,
    needsSelfGrade: question.type === 'free' && item.answeredAt !== null && item.selfGradeMet === null,
    selfGradeMet: item.selfGradeMet,
  };
}

export function shareUrl(session: QuizSession): string | null {
  if (session.mode === 'review') return null;
  const params = new URLSearchParams({ mode: session.mode, seed: session.seed, count: String(session.settings.count), level: session.settings.level });
  if (session.settings.topics.length > 0) params.set('topics', session.settings.topics.join(','));
  if (session.settings.minutes !== null) params.set('minutes', String(session.settings.minutes));
  if (session.settings.lesson) params.set('lesson', session.settings.lesson);
  return `/quiz/?${params.toString()}`;
}

function results(session: QuizSession, bank: QuestionBank): SessionResults {
  const byTopic = new Map<string, TopicResult>();
  let score = 0;
  let correct = 0;
  let unanswered = 0;
  let pendingSelfGrade = 0;
  let maxScore = 0;
  for (const item of session.items) {
    const question = bank.get(item.questionId);
    if (!question) continue;
    maxScore += 1;
    score += item.score ?? 0;
    if (item.correct) correct += 1;
    if (item.answeredAt === null) unanswered += 1;
    else if (question.type === 'free' && item.selfGradeMet === null) pendingSelfGrade += 1;
    const title = QUIZ_TOPICS.find((t) => t.id === item.topic)?.title ?? item.topic;
    const topic = byTopic.get(item.topic) ?? { topic: item.topic, title, questions: 0, correct: 0, score: 0 };
    topic.questions += 1;
    topic.score += item.score ?? 0;
    if (item.correct) topic.correct += 1;
    byTopic.set(item.topic, topic);
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    score: round(score),
    maxScore,
    percent: maxScore === 0 ? 0 : Math.round((score / maxScore) * 100),
    correct,
    unanswered,
    pendingSelfGrade,
    durationMs: (session.submittedAt ?? session.createdAt) - session.createdAt,
    byTopic: [...byTopic.values()].map((t) => ({ ...t, score: round(t.score) })).sort((a, b) => a.title.localeCompare(b.title)),
  };
}

export function sessionView(
  session: QuizSession,
  bank: QuestionBank,
  now: number,
  exercisesOfLesson: (lessonId: string) => readonly string[],
): SessionView {
  const questions: SessionQuestionView[] = [];
  for (const item of session.items) {
    const question = bank.get(item.questionId);
    if (!question) continue;
    const view: SessionQuestionView = {
      ...publicQuestion(session.id, question),
      position: item.position,
      flagged: item.flagged,
      answered: item.answeredAt !== null,
      answer: toPublicOptionIds(session.id, question, item.answer),
      elapsedMs: item.elapsedMs,
    };
    if (isDue(session, item)) view.feedback = itemFeedback(session, item, question, exercisesOfLesson(question.lesson.split('#')[0]!));
    questions.push(view);
  }
  return {
    id: session.id,
    mode: session.mode,
    seed: session.seed,
    settings: session.settings,
    createdAt: session.createdAt,
    deadline: session.deadline,
    serverNow: now,
    submitted: session.submittedAt !== null,
    submittedAt: session.submittedAt,
    autoSubmitted: session.autoSubmitted,
    shareUrl: shareUrl(session),
    questions,
    ...(session.submittedAt !== null ? { results: results(session, bank) } : {}),
  };
}
