'use server';

import { viewerOrGuest } from '@/lib/auth/session';
import type { CardReveal } from '@/lib/data/interview';
import { answerCard, answerQuestion, answerScenario, finishMock, revealMockCard, revealMockScenario, startMock, type FinishMockInput, type MockReport, type StartedMock, type StartMockInput } from '@/lib/data/mock-interview';
import { requestLocale, run, type ActionResult } from './result';

// The timed mock interview (lib/data/mock-interview.ts): texts in the learner's language, ids and scores not.

export async function startMockAction(input: StartMockInput): Promise<ActionResult<StartedMock>> {
  return run(async () => startMock(await viewerOrGuest(), input, new Date(), await requestLocale()), [input]);
}

export async function answerMockQuestionAction(mockId: string, questionId: string, answer: unknown): Promise<ActionResult<{ recorded: true }>> {
  return run(async () => answerQuestion(await viewerOrGuest(), mockId, questionId, answer, new Date(), await requestLocale()), [mockId, questionId, answer]);
}

export async function revealMockScenarioAction(mockId: string, questionId: string): Promise<ActionResult<{ modelAnswer: string; rubric: string[]; explanation: string }>> {
  return run(async () => revealMockScenario(await viewerOrGuest(), mockId, questionId, new Date(), await requestLocale()), [mockId, questionId]);
}

export async function answerMockScenarioAction(mockId: string, questionId: string, answer: { text?: string; ticked: number[] }): Promise<ActionResult<{ recorded: true }>> {
  return run(async () => answerScenario(await viewerOrGuest(), mockId, questionId, answer, new Date(), await requestLocale()), [mockId, questionId, answer]);
}

export async function revealMockCardAction(mockId: string, cardId: string): Promise<ActionResult<CardReveal>> {
  return run(async () => revealMockCard(await viewerOrGuest(), mockId, cardId, new Date(), await requestLocale()), [mockId, cardId]);
}

export async function answerMockCardAction(mockId: string, cardId: string, answer: { covered: number[]; seconds: number; notes?: string }): Promise<ActionResult<{ recorded: true }>> {
  return run(async () => answerCard(await viewerOrGuest(), mockId, cardId, answer), [mockId, cardId, answer]);
}

export async function finishMockAction(mockId: string, input: FinishMockInput): Promise<ActionResult<MockReport>> {
  return run(async () => finishMock(await viewerOrGuest(), mockId, input, new Date(), await requestLocale()), [mockId, input]);
}
