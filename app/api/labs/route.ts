import { currentViewer } from '@/lib/auth/session';
import { listLabListings } from '@/lib/labs/catalog';
import { handle, json, requestLocale } from '@/lib/labs/http';
import { records } from '@/lib/labs/lab-records';

export const dynamic = 'force-dynamic';

/** GET /api/labs: every lab with difficulty, estimated minutes, topic and the learner's state (solved, attempts). */
export async function GET() {
  return handle(async () => {
    const [labs, viewer] = await Promise.all([requestLocale().then((locale) => listLabListings(locale)), currentViewer()]);
    const states = viewer ? await records().labStates(viewer) : new Map();
    return json({
      labs: labs.map((lab) => ({
        id: lab.id,
        title: lab.title,
        summary: lab.summary,
        topic: lab.topic,
        topicTitle: lab.topicTitle,
        difficulty: lab.difficulty,
        minutes: lab.minutes,
        stages: lab.stages.map((s) => ({ id: s.id, title: s.title })),
        state: states.get(lab.id) ?? { labId: lab.id, solved: false, attempts: 0, lastStatus: null, hasDraft: false },
      })),
    });
  });
}
