'use server';

import { viewerOrGuest } from '@/lib/auth/session';
import { finishQuiz, markGuessed, revealScenario, startQuiz, startReview, submitAnswer, type AnswerResult, type GuessResult, type QuizSummary, type StartedQuiz, type StartQuizInput } from '@/lib/data/quiz';
import { requestLocale, run, type ActionResult } from './result';

export async function startQuizAction(input: StartQuizInput): Promise<ActionResult<StartedQuiz>> {
  return run(async () => startQuiz(await viewerOrGuest(), input, await requestLocale()), [input]);
}

export async function startReviewAction(): Promise<ActionResult<StartedQuiz | null>> {
  return run(async () => startReview(await viewerOrGuest(), undefined, await requestLocale()));
}

export async function revealScenarioAction(attemptId: string, questionId: string): Promise<ActionResult<{ modelAnswer: string; rubric: string[]; explanation: string }>> {
  return run(async () => revealScenario(await viewerOrGuest(), attemptId, questionId, await requestLocale()), [attemptId, questionId]);
}

export async function submitAnswerAction(attemptId: string, questionId: string, answer: unknown): Promise<ActionResult<AnswerResult>> {
  return run(async () => submitAnswer(await viewerOrGuest(), attemptId, questionId, answer, undefined, await requestLocale()), [attemptId, questionId, answer]);
}

/** "I guessed" on a right answer (or undoing it): its review card is rescheduled as Hard (or Good again). */
export async function markGuessedAction(attemptId: string, questionId: string, guessed: boolean): Promise<ActionResult<GuessResult>> {
  return run(async () => markGuessed(await viewerOrGuest(), attemptId, questionId, guessed), [attemptId, questionId, guessed]);
}

export async function finishQuizAction(attemptId: string): Promise<ActionResult<QuizSummary>> {
  return run(async () => finishQuiz(await viewerOrGuest(), attemptId, undefined, await requestLocale()), [attemptId]);
}
