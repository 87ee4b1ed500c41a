'use server';

import { currentViewer } from '@/lib/auth/session';
import { labSubmissionCards } from '@/lib/data/review';
import { getQuestion } from '@/lib/quiz/bank';
import { questionText } from '@/lib/quiz/localize';
import { requestLocale, run, type ActionResult } from './result';

export type LabCardsView = { pending: true } | { pending: false; cards: { questionId: string; topic: string; prompt: string }[] };

/**
 * The review cards a failed lab submission added, for the workspace's submission result. `pending` while
 * the grader's post-failure hook has not recorded them yet (it runs just after the verdict); no cards for a
 * submission that did not fail or is not the learner's.
 */
export async function labReviewCardsAction(submissionId: string): Promise<ActionResult<LabCardsView>> {
  return run(async () => {
    const viewer = await currentViewer();
    if (!viewer) return { pending: false, cards: [] };
    const found = await labSubmissionCards(viewer, submissionId);
    if (!found || found.status !== 'failed') return { pending: false, cards: [] };
    if (found.cards === null) return { pending: true };
    const locale = await requestLocale();
    return {
      pending: false,
      cards: found.cards.flatMap((id) => {
        const q = getQuestion(id);
        return q ? [{ questionId: id, topic: q.topic, prompt: questionText(q, locale).prompt }] : [];
      }),
    };
  }, [submissionId]);
}
