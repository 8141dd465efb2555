/**
 * @module The progress store and quiz service as the app uses them: taken from AppDeps when given (main.ts,
 * tests), otherwise opened from the data dir (store) or built on first use (quiz), and disposed together.
 */
import { readLessonFiles } from '../content/lesson-files.ts';
import { loadQuestionBank } from '../quiz/question-bank.ts';
import { QuizService } from '../quiz/quiz-service.ts';
import type { ProgressStore } from './progress-store.ts';
import { openSqliteProgressStore } from './sqlite-progress-store.ts';

export interface LearningServices {
  progress: ProgressStore;
  /** Built on first use so an API test that never touches quizzes does not depend on the bank. */
  quiz(): QuizService;
  dispose(): Promise<void>;
}

/** Lesson id -> its exercise ids from lesson frontmatter; empty when lessons are missing or invalid. */
export function lessonExercisesIndex(): (lessonId: string) => readonly string[] {
  let index: Map<string, readonly string[]>;
  try {
    index = new Map(readLessonFiles().map((lesson) => [lesson.id, lesson.data.exercises]));
  } catch {
    index = new Map();
  }
  return (lessonId) => index.get(lessonId) ?? [];
}

export function learningServices(deps: { dataDir: string; progress?: ProgressStore; quiz?: QuizService }): LearningServices {
  const progress = deps.progress ?? openSqliteProgressStore(deps.dataDir);
  let quiz = deps.quiz;
  let ownsQuiz = false;
  return {
    progress,
    quiz() {
      if (!quiz) {
        quiz = new QuizService({ store: progress, bank: loadQuestionBank(), exercisesOfLesson: lessonExercisesIndex() });
        ownsQuiz = true;
        void quiz.start();
      }
      return quiz;
    },
    async dispose() {
      if (ownsQuiz) await quiz?.dispose();
      if (!deps.progress) await progress.dispose();
    },
  };
}
