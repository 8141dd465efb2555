/**
 * @module Quiz sessions: creation (seeded selection or due review cards), answering with server-side grading,
 * self-grading, flags, submission, the mock deadline (enforced on every access and by a timer, so a session whose
 * browser vanished is still submitted at the deadline), review scheduling and stats.
 */
import { randomBytes } from 'node:crypto';
import type { ProgressStore, QuizSession, QuizSessionSettings } from '../progress/progress-store.ts';
import { newRecordId } from '../progress/sqlite-progress-store.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../server/errors.ts';
import { gradeAnswer, gradeSelfAssessment, validateAnswer } from './grade-answer.ts';
import type { QuestionBank, TopicSummary } from './question-bank.ts';
import { QUIZ_TOPICS, type Question } from './question-schema.ts';
import type { AnswerRequest, CreateSessionRequest } from './quiz-api-schema.ts';
import { systemClock, type QuizClock } from './quiz-clock.ts';
import { toBankOptionIds } from './question-view.ts';
import { endOfLocalDay, ratingForScore, reviewCard } from './review-scheduler.ts';
import { selectQuestions } from './select-questions.ts';
import { itemFeedback, sessionView, type ItemFeedback, type SessionView } from './session-view.ts';
import { quizStats, type QuizStats } from './quiz-stats.ts';

export interface QuizServiceOptions {
  store: ProgressStore;
  bank: QuestionBank;
  clock?: QuizClock;
  /** Answers up to this long after the deadline still count: they were sent in time but were on the wire. */
  graceMs?: number;
  /** Exercise ids of a lesson (from its frontmatter), linked from review items. */
  exercisesOfLesson?: (lessonId: string) => readonly string[];
}

export type AnswerResponse =
  | { questionId: string; recorded: true; answered: number; total: number }
  | ({ questionId: string } & ItemFeedback);

const DEFAULTS = {
  practice: { count: 10, level: 'mixed' },
  mock: { count: 20, level: 'mixed', minutes: 30 },
  review: { count: 20, level: 'mixed' },
  lesson: { count: 5, level: 'mixed' },
} as const;

export class QuizService {
  private readonly store: ProgressStore;
  private readonly bank: QuestionBank;
  private readonly clock: QuizClock;
  private readonly graceMs: number;
  private readonly exercisesOfLesson: (lessonId: string) => readonly string[];
  private readonly timers = new Map<string, () => void>();

  constructor(options: QuizServiceOptions) {
    this.store = options.store;
    this.bank = options.bank;
    this.clock = options.clock ?? systemClock;
    this.graceMs = options.graceMs ?? 2_000;
    this.exercisesOfLesson = options.exercisesOfLesson ?? (() => []);
  }

  topics(): Pick<TopicSummary, 'id' | 'title' | 'counts' | 'lesson'>[] {
    return this.bank.topics();
  }

  /** Re-arms deadline timers after a restart and submits sessions whose deadline passed while the server was down. */
  async start(): Promise<void> {
    for (const session of await this.store.listOpenTimedSessions()) this.armDeadline(session.id, session.learnerId, session.deadline!);
  }

  async dispose(): Promise<void> {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private armDeadline(sessionId: string, learnerId: string, deadline: number): void {
    this.timers.get(sessionId)?.();
    const cancel = this.clock.setTimer(
      () => {
        this.timers.delete(sessionId);
        void this.load(learnerId, sessionId).catch((error) => console.error(`[cachelab] auto-submit of quiz ${sessionId} failed`, error));
      },
      Math.max(0, deadline + this.graceMs - this.clock.now()),
    );
    this.timers.set(sessionId, cancel);
  }

  async createSession(learnerId: string, request: CreateSessionRequest): Promise<SessionView> {
    const defaults = DEFAULTS[request.mode];
    const now = this.clock.now();
    let topics = request.topics ?? [];
    let lesson: string | null = null;
    if (request.mode === 'lesson') {
      lesson = request.lesson ?? QUIZ_TOPICS.find((t) => t.id === topics[0])?.lesson ?? null;
      if (!lesson) throw new BadRequestError('A lesson checkpoint needs "lesson" (a lesson id) or one topic in "topics".');
      const topic = QUIZ_TOPICS.find((t) => t.lesson === lesson);
      topics = topic ? [topic.id] : [];
    }
    const count = request.mode === 'lesson' ? Math.min(6, Math.max(3, request.count ?? defaults.count)) : (request.count ?? defaults.count);
    const settings: QuizSessionSettings = {
      topics: [...topics],
      level: request.level ?? defaults.level,
      count,
      minutes: request.mode === 'mock' ? (request.minutes ?? DEFAULTS.mock.minutes) : null,
      lesson,
    };
    const seed = request.seed ?? randomBytes(6).toString('base64url').replace(/[-_]/g, 'x');
    const questions = request.mode === 'review' ? await this.dueQuestions(learnerId, now, request.tzOffset ?? 0, count) : this.pick(settings, seed);
    if (questions.length === 0) {
      throw request.mode === 'review'
        ? new ConflictError('Nothing is due for review today. Missed questions from practice and mock interviews come back here when they are due.')
        : new NotFoundError('No questions match these topics and level. Choose more topics or "mixed" level.');
    }
    const session = {
      id: newRecordId(),
      learnerId,
      mode: request.mode,
      seed,
      settings,
      createdAt: now,
      deadline: settings.minutes !== null ? now + settings.minutes * 60_000 : null,
      submittedAt: null,
      autoSubmitted: false,
    };
    await this.store.createQuizSession(session, questions.map((q) => ({ questionId: q.id, topic: q.topic })));
    if (session.deadline !== null) this.armDeadline(session.id, learnerId, session.deadline);
    return this.getSession(learnerId, session.id);
  }

  private pick(settings: QuizSessionSettings, seed: string): Question[] {
    const filters = { seed, topics: settings.topics, level: settings.level, count: settings.count };
    if (settings.lesson !== null && settings.topics.length === 0) return selectQuestions(this.bank.questions, { ...filters, lesson: settings.lesson });
    // A timed mock interview leaves out hands-on questions: an exercise does not fit in its clock.
    return selectQuestions(this.bank.questions, settings.minutes !== null ? { ...filters, excludeTypes: ['hands-on'] } : filters);
  }

  private async dueQuestions(learnerId: string, now: number, tzOffset: number, count: number): Promise<Question[]> {
    const cards = await this.store.dueReviewCards(learnerId, endOfLocalDay(now, tzOffset));
    return cards.map((c) => this.bank.get(c.questionId)).filter((q): q is Question => q !== undefined).slice(0, count);
  }

  /** Loads a session and, when its deadline has passed, submits it first (the lazy half of the deadline). */
  private async load(learnerId: string, sessionId: string): Promise<QuizSession> {
    const session = await this.store.getQuizSession(learnerId, sessionId);
    if (!session) throw new NotFoundError(`No quiz session "${sessionId}" for you. Start one with POST /api/quiz/sessions.`);
    if (session.submittedAt === null && session.deadline !== null && this.clock.now() >= session.deadline + this.graceMs) {
      await this.finalize(session, session.deadline, true);
      return (await this.store.getQuizSession(learnerId, sessionId))!;
    }
    return session;
  }

  async getSession(learnerId: string, sessionId: string): Promise<SessionView> {
    const session = await this.load(learnerId, sessionId);
    return sessionView(session, this.bank, this.clock.now(), this.exercisesOfLesson);
  }

  private question(session: QuizSession, questionId: string): { question: Question; index: number } {
    const index = session.items.findIndex((i) => i.questionId === questionId);
    const question = this.bank.get(questionId);
    if (index < 0 || !question) throw new NotFoundError(`Question "${questionId}" is not part of quiz session "${session.id}".`);
    return { question, index };
  }

  private refuseIfSubmitted(session: QuizSession): void {
    if (session.submittedAt === null) return;
    if (session.autoSubmitted) {
      throw new ConflictError(
        `Time is up: the deadline was ${new Date(session.deadline!).toISOString()} and answers after it are not accepted. ` +
          'The mock interview was submitted automatically; open its results.',
      );
    }
    throw new ConflictError('This quiz session was already submitted; its answers are final. Start a new session to try again.');
  }

  async answer(learnerId: string, sessionId: string, request: AnswerRequest): Promise<AnswerResponse> {
    const session = await this.load(learnerId, sessionId);
    if ('selfGrade' in request) return this.selfGrade(session, request.questionId, request.selfGrade.met);
    this.refuseIfSubmitted(session);
    const { question, index } = this.question(session, request.questionId);
    const item = session.items[index]!;
    // A hands-on question may be checked again until the exercise passes: its "answer" is the lab, not a choice.
    const retry = question.type === 'hands-on' && item.correct !== true;
    if (session.mode !== 'mock' && item.answeredAt !== null && !retry) {
      throw new ConflictError(`Question "${question.id}" is already answered and its feedback shown; answers are final outside a mock interview.`);
    }
    const answer = validateAnswer(question, toBankOptionIds(session.id, question, request.answer));
    const passed = question.type === 'hands-on' ? await this.passedExercises(learnerId) : new Set<string>();
    const grade = gradeAnswer(question, answer, { exercisePassed: (id) => passed.has(id) });
    const now = this.clock.now();
    const lastActivity = Math.max(session.createdAt, ...session.items.map((i) => i.answeredAt ?? 0));
    const elapsedMs = Math.min(Math.max(0, Math.round(request.elapsedMs ?? now - lastActivity)), now - session.createdAt);
    await this.store.saveQuizAnswer(session.id, question.id, { answer, score: grade.score, correct: grade.correct, answeredAt: now, elapsedMs });
    if (session.mode === 'mock') {
      const answered = session.items.filter((i, n) => n === index || i.answeredAt !== null).length;
      return { questionId: question.id, recorded: true, answered, total: session.items.length };
    }
    if (grade.score !== null) await this.recordReview(learnerId, question.id, grade.score, session.mode === 'review');
    const updated = { ...item, answer, score: grade.score, correct: grade.correct, answeredAt: now, elapsedMs };
    return { questionId: question.id, ...itemFeedback(session, updated, question, this.exercisesOfLesson(question.lesson.split('#')[0]!)) };
  }

  private async selfGrade(session: QuizSession, questionId: string, met: number[]): Promise<AnswerResponse> {
    const { question, index } = this.question(session, questionId);
    const item = session.items[index]!;
    if (session.mode === 'mock' && session.submittedAt === null) {
      throw new ConflictError('Self-grading opens when the mock interview is submitted: the model answer and rubric are revealed then.');
    }
    if (item.answeredAt === null) throw new ConflictError(`Answer question "${questionId}" first; then grade yourself against its rubric.`);
    const grade = gradeSelfAssessment(question, met);
    await this.store.saveSelfGrade(session.id, questionId, [...met].sort((a, b) => a - b), grade.score!, grade.correct!);
    await this.recordReview(session.learnerId, questionId, grade.score!, session.mode === 'review');
    const updated = { ...item, score: grade.score, correct: grade.correct, selfGradeMet: met };
    const exercises = this.exercisesOfLesson(question.lesson.split('#')[0]!);
    return { questionId, ...itemFeedback({ ...session, submittedAt: session.submittedAt ?? this.clock.now() }, updated, question, exercises) };
  }

  async flag(learnerId: string, sessionId: string, questionId: string, flagged: boolean): Promise<{ questionId: string; flagged: boolean }> {
    const session = await this.load(learnerId, sessionId);
    this.refuseIfSubmitted(session);
    this.question(session, questionId);
    await this.store.setQuizFlag(session.id, questionId, flagged);
    return { questionId, flagged };
  }

  async submit(learnerId: string, sessionId: string): Promise<SessionView> {
    const session = await this.load(learnerId, sessionId);
    if (session.submittedAt === null) await this.finalize(session, this.clock.now(), false);
    return this.getSession(learnerId, sessionId);
  }

  private async passedExercises(learnerId: string): Promise<Set<string>> {
    return new Set((await this.store.exerciseStatus(learnerId)).filter((s) => s.passed).map((s) => s.exerciseId));
  }

  private async finalize(session: QuizSession, at: number, autoSubmitted: boolean): Promise<void> {
    this.timers.get(session.id)?.();
    this.timers.delete(session.id);
    const passed = await this.passedExercises(session.learnerId);
    const grades = session.items.map((item) => {
      const question = this.bank.get(item.questionId);
      if (item.answeredAt === null || !question) return { questionId: item.questionId, score: 0, correct: false };
      if (question.type === 'hands-on') {
        const correct = passed.has(question.exercise);
        return { questionId: item.questionId, score: correct ? 1 : 0, correct };
      }
      return { questionId: item.questionId, score: item.score, correct: item.correct };
    });
    const submitted = await this.store.submitQuizSession(session.id, at, autoSubmitted, grades);
    if (!submitted || session.mode !== 'mock') return;
    for (const grade of grades) if (grade.score !== null) await this.recordReview(session.learnerId, grade.questionId, grade.score, false);
  }

  /**
   * Missed and partly right answers become review cards; a question that already has a card is rescheduled by
   * every graded answer; in review mode every answer counts.
   */
  private async recordReview(learnerId: string, questionId: string, score: number, reviewMode: boolean): Promise<void> {
    const existing = await this.store.getReviewCard(learnerId, questionId);
    if (!existing && !reviewMode && score >= 1) return;
    await this.store.saveReviewCard(learnerId, reviewCard(existing, questionId, ratingForScore(score), this.clock.now()));
  }

  async stats(learnerId: string, tzOffset = 0): Promise<QuizStats> {
    return quizStats({ store: this.store, bank: this.bank, exercisesOfLesson: this.exercisesOfLesson }, learnerId, this.clock.now(), tzOffset);
  }
}
