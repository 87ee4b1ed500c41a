'use server';

import { currentViewer, viewerOrGuest } from '@/lib/auth/session';
import { lessonState, recordLessonVisit, setLessonRead, type LessonState } from '@/lib/data/progress';
import { run, type ActionResult } from './result';

/** Called by the lesson page once it is shown: remembers the visit for "continue where you left off". */
export async function recordLessonVisitAction(topic: string, lesson: string): Promise<ActionResult<LessonState>> {
  return run(async () => recordLessonVisit(await viewerOrGuest(), { topic, lesson }), [topic, lesson]);
}

export async function lessonStateAction(topic: string, lesson: string): Promise<ActionResult<LessonState>> {
  return run(async () => {
    const viewer = await currentViewer();
    return viewer ? lessonState(viewer, { topic, lesson }) : { read: false, readAt: null };
  }, [topic, lesson]);
}

export async function setLessonReadAction(topic: string, lesson: string, read: boolean): Promise<ActionResult<LessonState>> {
  return run(async () => setLessonRead(await viewerOrGuest(), { topic, lesson }, read === true), [topic, lesson, read]);
}
