'use server';

import { viewerOrGuest } from '@/lib/auth/session';
import { finishDrill, recordAnswer, revealCard, startDrill, type CardReveal, type DrillAnswerInput, type DrillReport, type RecordedAnswer, type StartDrillInput, type StartedDrill } from '@/lib/data/interview';
import { requestLocale, run, type ActionResult } from './result';

// Card texts and reports come in the learner's language; what is recorded (ids, point indexes) does not depend on it.

export async function startDrillAction(input: StartDrillInput): Promise<ActionResult<StartedDrill>> {
  return run(async () => startDrill(await viewerOrGuest(), input, new Date(), await requestLocale()), [input]);
}

export async function revealCardAction(sessionId: string, cardId: string): Promise<ActionResult<CardReveal>> {
  return run(async () => revealCard(await viewerOrGuest(), sessionId, cardId, await requestLocale()), [sessionId, cardId]);
}

export async function recordDrillAnswerAction(sessionId: string, cardId: string, answer: DrillAnswerInput): Promise<ActionResult<RecordedAnswer>> {
  return run(async () => recordAnswer(await viewerOrGuest(), sessionId, cardId, answer), [sessionId, cardId, answer]);
}

export async function finishDrillAction(sessionId: string): Promise<ActionResult<DrillReport>> {
  return run(async () => finishDrill(await viewerOrGuest(), sessionId, new Date(), await requestLocale()), [sessionId]);
}
