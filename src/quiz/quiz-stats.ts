/** @module GET /api/quiz/stats: what is due today (with lesson and exercise links), accuracy per topic, recent sessions. */
import type { ProgressStore, QuizSession } from '../progress/progress-store.ts';
import type { QuestionBank } from './question-bank.ts';
import { QUIZ_TOPICS } from './question-schema.ts';
import { questionLinks, type Link } from './question-view.ts';
import { endOfLocalDay } from './review-scheduler.ts';

export interface DueItem {
  questionId: string;
  topic: string;
  title: string;
  due: number;
  lesson: Link;
  exercise?: Link;
}

export interface QuizStats {
  dueToday: number;
  /** The questions due today (at most 50), each linked to its lesson section and exercise. */
  dueItems: DueItem[];
  reviewCards: number;
  sessions: number;
  answered: number;
  correct: number;
  accuracy: number | null;
  byTopic: { topic: string; title: string; answered: number; correct: number }[];
  recent: { id: string; mode: QuizSession['mode']; createdAt: number; submittedAt: number | null; score: number; maxScore: number }[];
}

export interface QuizStatsDeps {
  store: ProgressStore;
  bank: QuestionBank;
  exercisesOfLesson: (lessonId: string) => readonly string[];
}

export async function quizStats(deps: QuizStatsDeps, learnerId: string, now: number, tzOffset: number): Promise<QuizStats> {
  const sessions = await deps.store.listQuizSessions(learnerId);
  const byTopic = new Map<string, QuizStats['byTopic'][number]>();
  let answered = 0;
  let correct = 0;
  for (const session of sessions) {
    for (const item of session.items) {
      if (item.answeredAt === null || item.correct === null) continue;
      answered += 1;
      if (item.correct) correct += 1;
      const title = QUIZ_TOPICS.find((t) => t.id === item.topic)?.title ?? item.topic;
      const topic = byTopic.get(item.topic) ?? { topic: item.topic, title, answered: 0, correct: 0 };
      topic.answered += 1;
      if (item.correct) topic.correct += 1;
      byTopic.set(item.topic, topic);
    }
  }
  const dueItems: DueItem[] = [];
  for (const card of await deps.store.dueReviewCards(learnerId, endOfLocalDay(now, tzOffset), 50)) {
    const question = deps.bank.get(card.questionId);
    if (!question) continue;
    const title = QUIZ_TOPICS.find((t) => t.id === question.topic)?.title ?? question.topic;
    const links = questionLinks(question, deps.exercisesOfLesson(question.lesson.split('#')[0]!));
    dueItems.push({ questionId: question.id, topic: question.topic, title, due: card.due, ...links });
  }
  return {
    dueToday: await deps.store.countReviewCards(learnerId, endOfLocalDay(now, tzOffset)),
    dueItems,
    reviewCards: await deps.store.countReviewCards(learnerId),
    sessions: sessions.length,
    answered,
    correct,
    accuracy: answered === 0 ? null : Math.round((correct / answered) * 100) / 100,
    byTopic: [...byTopic.values()].sort((a, b) => a.title.localeCompare(b.title)),
    recent: sessions.slice(0, 10).map((s) => ({
      id: s.id,
      mode: s.mode,
      createdAt: s.createdAt,
      submittedAt: s.submittedAt,
      score: Math.round(s.items.reduce((sum, i) => sum + (i.score ?? 0), 0) * 100) / 100,
      maxScore: s.items.length,
    })),
  };
}
