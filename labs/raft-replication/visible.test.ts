import { expect, forSeeds, stage, test } from '../../grader/harness/api';
import type { AppendEntries } from '../../engine/raft/messages';
import { RaftLog } from '../../engine/raft/raft-log';
import { World } from '../../engine/raft/scenarios/scenario';
import type { Entry } from '../../engine/raft/types';
import { appendEntries, commitRule } from './solution';

const entry = (index: number, term: number): Entry => ({ index, term, data: `${index}@${term}` });
const logOf = (terms: number[]) => new RaftLog(0, 0, terms.map((t, i) => entry(i + 1, t)));
const ae = (prevLogIndex: number, prevLogTerm: number, terms: number[], leaderCommit = 0): AppendEntries => ({
  type: 'AppendEntries', from: 2, to: 1, term: 5, prevLogIndex, prevLogTerm, entries: terms.map((t, i) => entry(prevLogIndex + 1 + i, t)), leaderCommit, round: 0,
});

stage('consistency-check', () => {
  test('accepts the first entries into an empty log', () => {
    const d = appendEntries({ id: 1, currentTerm: 5, commitIndex: 0, log: logOf([]) }, ae(0, 0, [1, 1]));
    expect(d.success, 'accepted').toBe(true);
    if (d.success) {
      expect(d.keepThroughIndex, 'keepThroughIndex').toBe(0);
      expect(d.entries.map((e) => e.index), 'entries appended').toEqual([1, 2]);
      expect(d.matchIndex, 'matchIndex').toBe(2);
    }
  });

  test('rejects when the log has no entry at prevLogIndex', () => {
    const d = appendEntries({ id: 1, currentTerm: 5, commitIndex: 0, log: logOf([1, 1]) }, ae(4, 1, [1]));
    expect(d.success, 'accepted').toBe(false);
  });
});

stage('conflicts', () => {
  test('appends after the last entry', () => {
    const d = appendEntries({ id: 1, currentTerm: 5, commitIndex: 0, log: logOf([1, 1]) }, ae(2, 1, [1, 2]));
    expect(d.success && d.keepThroughIndex === 2 && d.entries.map((e) => e.term).join() === '1,2', 'keeps entries 1–2 and appends two').toBe(true);
  });
});

stage('fast-backoff', () => {
  test('a too-short log hints its last index + 1', () => {
    const d = appendEntries({ id: 1, currentTerm: 5, commitIndex: 0, log: logOf([1, 1]) }, ae(6, 1, []));
    expect(d, 'decision').toEqual({ success: false, conflictIndex: 3, conflictTerm: null });
  });
});

stage('commit', () => {
  test('the leader commits what a majority stores', () => {
    expect(commitRule({ id: 1, currentTerm: 2, commitIndex: 0, log: logOf([2, 2, 2]), matchIndexes: [3, 2, 0] }), 'matchIndexes [3,2,0]').toBe(2);
  });

  forSeeds('three nodes agree on five values', [1, 2], (seed) => {
    const w = new World({ nodes: 3, seed, hooksFor: () => ({ appendEntries, commitRule }) });
    expect(w.awaitLeader(5000) !== null, `a leader (seed ${seed})`).toBe(true);
    for (let i = 1; i <= 5; i++) expect(w.one(i * 100, 3, 5000), `value ${i * 100} committed on all three nodes`).toBe(i + 1);
    expect(w.result().failures, 'failures').toEqual([]);
  });

  // Like MIT 6.5840 TestConcurrentStarts: proposals made in the same instant, right after an election, travel in one batch.
  forSeeds('five proposals made at once all commit, each at its own index', [3], (seed) => {
    const w = new World({ nodes: 3, seed, hooksFor: () => ({ appendEntries, commitRule }) });
    const c = w.cluster;
    c.runUntil(() => c.leader() !== null, 5000);
    const leader = c.leader();
    expect(leader !== null, `a leader (seed ${seed})`).toBe(true);
    const indexes = [1, 2, 3, 4, 5].map((k) => c.propose(`start-${k}`, leader)?.index ?? 0);
    const last = Math.max(...indexes);
    const ok = c.runUntil(() => c.ids.every((id) => c.appliedIndex(id) >= last), 150);
    expect(ok, `indexes ${indexes.join(',')} applied on all three nodes within 150 ms, one heartbeat interval and a round trip (seed ${seed})`).toBe(true);
    expect(w.result().failures, 'failures').toEqual([]);
  });
});
