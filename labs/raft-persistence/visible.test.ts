import { expect, forSeeds, stage, test } from '../../grader/harness/api';
import { World } from '../../engine/raft/scenarios/scenario';
import { persistence } from './solution';

stage('hard-state', () => {
  test('hardState writes the current term', () => {
    expect(persistence.hardState({ currentTerm: 4, votedFor: 2, commitIndex: 3 }).term, 'term written in term 4').toBe(4);
  });
});

stage('restore', () => {
  test('a brand-new node starts at term 0 with an empty log', () => {
    const r = persistence.restore({ hardState: null, snapshot: null, entries: [] });
    expect({ term: r.currentTerm, log: r.entries.length, commit: r.commitIndex }, 'restored').toEqual({ term: 0, log: 0, commit: 0 });
  });

  test('restore gives back the term and the log', () => {
    const entries = [{ index: 1, term: 1, data: 'a' }, { index: 2, term: 3, data: 'b' }];
    const r = persistence.restore({ hardState: persistence.hardState({ currentTerm: 3, votedFor: null, commitIndex: 1 }), snapshot: null, entries });
    expect(r.currentTerm, 'currentTerm').toBe(3);
    expect(r.entries.map((e) => e.data), 'log').toEqual(['a', 'b']);
  });
});

stage('crashes', () => {
  forSeeds('three nodes survive a crash of every node', [1, 2], (seed) => {
    const w = new World({ nodes: 3, seed, hooksFor: () => ({ persistence }) });
    const c = w.cluster;
    expect(w.awaitLeader(5000) !== null, 'a leader').toBe(true);
    expect(w.one('before', 3), 'committed before the crash').toBe(2);
    for (const id of c.ids) c.crash(id);
    for (const id of c.ids) c.restart(id);
    expect(w.one('after', 3) !== null, 'a value committed after all nodes restarted').toBe(true);
    expect(w.result().failures, 'violations (persist-before-send and invariants)').toEqual([]);
  });
});
