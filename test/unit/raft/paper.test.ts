/**
 * One test per rule of Raft's Figure 2 (and the extensions the engine implements), driving a
 * single RaftNode by hand, in the manner of etcd's raft_paper_test.go.
 */
import { describe, expect, it } from 'vitest';
import type { RaftConfig } from '../../../engine/raft/config';
import type { AppendEntries, AppendEntriesResponse, Message, RequestVote, RequestVoteResponse } from '../../../engine/raft/messages';
import { RaftNode } from '../../../engine/raft/raft-node';
import type { Ready } from '../../../engine/raft/ready';
import { REFERENCE_HOOKS } from '../../../engine/raft/reference-hooks';
import type { DurableState, Entry } from '../../../engine/raft/types';
import { Prng } from '../../../engine/sim/prng';

const ELECTION = 10;
const HEARTBEAT = 2;

function config(id = 1, voters = [1, 2, 3], extra: Partial<RaftConfig> = {}): RaftConfig {
  return { id, voters, electionTicks: ELECTION, heartbeatTicks: HEARTBEAT, preVote: false, checkQuorum: false, maxEntriesPerMessage: 100, rng: new Prng(id), ...extra };
}
const entries = (...terms: number[]): Entry[] => terms.map((term, i) => ({ index: i + 1, term, data: `e${i + 1}` }));
const disk = (term: number, log: Entry[], vote: number | null = null, commit = 0): DurableState => ({ hardState: { term, vote, commit }, snapshot: null, entries: log });
const node = (d: DurableState | null = null, c: RaftConfig = config()) => new RaftNode(c, REFERENCE_HOOKS, d);

function tickUntil(n: RaftNode, done: (r: Ready) => boolean, max = 10 * ELECTION): Ready {
  for (let i = 0; i < max; i++) {
    const r = n.step({ kind: 'tick' });
    if (done(r)) return r;
  }
  throw new Error('condition never held');
}
const msg = (n: RaftNode, m: Message): Ready => n.step({ kind: 'message', message: m });
const rv = (from: number, term: number, lastLogIndex: number, lastLogTerm: number, preVote = false): RequestVote => ({ type: 'RequestVote', from, to: 1, term, preVote, lastLogIndex, lastLogTerm });
const ae = (from: number, term: number, prevLogIndex: number, prevLogTerm: number, es: Entry[], leaderCommit: number): AppendEntries => ({ type: 'AppendEntries', from, to: 1, term, prevLogIndex, prevLogTerm, entries: es, leaderCommit, round: 0 });
const voteResp = (from: number, term: number, granted: boolean, preVote = false): RequestVoteResponse => ({ type: 'RequestVoteResponse', from, to: 1, term, preVote, voteGranted: granted });

function electLeader(n: RaftNode): Ready {
  tickUntil(n, (r) => r.messages.some((m) => m.type === 'RequestVote'));
  return msg(n, voteResp(2, n.term(), true));
}

describe('Raft paper, Figure 2 "Rules for Servers"', () => {
  it('§5.1: a message with a higher term makes any role a follower of that term', () => {
    for (const role of ['follower', 'candidate', 'leader'] as const) {
      const n = node();
      if (role === 'candidate') tickUntil(n, () => n.role() === 'candidate');
      if (role === 'leader') electLeader(n);
      expect(n.role()).toBe(role);
      msg(n, ae(2, 9, 0, 0, [], 0));
      expect([n.role(), n.term(), n.leaderId()]).toEqual(['follower', 9, 2]);
    }
  });

  it('§5.1: a request with a stale term is rejected with the current term', () => {
    const n = node(disk(5, []));
    const r = msg(n, ae(2, 3, 0, 0, [], 0));
    expect(r.messages).toEqual([expect.objectContaining({ type: 'AppendEntriesResponse', to: 2, term: 5, success: false })]);
    const v = msg(n, rv(2, 4, 0, 0));
    expect(v.messages).toEqual([expect.objectContaining({ type: 'RequestVoteResponse', term: 5, voteGranted: false })]);
  });

  it('§5.2: a follower that hears nothing for an election timeout becomes a candidate, votes for itself and asks every peer', () => {
    const n = node(disk(0, entries(1, 1)));
    const r = tickUntil(n, (x) => x.messages.length > 0);
    expect(n.role()).toBe('candidate');
    expect(n.term()).toBe(1);
    expect(n.votedFor()).toBe(1);
    expect(r.messages.map((m) => [m.type, m.to])).toEqual([['RequestVote', 2], ['RequestVote', 3]]);
    expect(r.messages[0]).toMatchObject({ term: 1, lastLogIndex: 2, lastLogTerm: 1, preVote: false });
  });

  it('§5.2: election timeouts are randomized in [electionTicks, 2·electionTicks)', () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 40; seed++) {
      const n = node(null, config(1, [1, 2, 3], { rng: new Prng(seed) }));
      let ticks = 0;
      tickUntil(n, () => (++ticks, n.role() === 'candidate'));
      expect(ticks).toBeGreaterThanOrEqual(ELECTION);
      expect(ticks).toBeLessThan(2 * ELECTION);
      seen.add(ticks);
    }
    expect(seen.size).toBeGreaterThan(4);
  });

  it('§5.2: a candidate with votes from a majority becomes leader; §8: it appends a no-op of its term and replicates it', () => {
    const n = node();
    const r = electLeader(n);
    expect(n.role()).toBe('leader');
    expect(n.log().entryAt(1)).toEqual({ index: 1, term: 1, data: null });
    expect(r.entriesToPersist).toEqual({ fromIndex: 1, entries: [{ index: 1, term: 1, data: null }] });
    expect(r.messages.filter((m) => m.type === 'AppendEntries').map((m) => m.to)).toEqual([2, 3]);
  });

  it('§5.2: a candidate that hears from a leader of its term becomes its follower', () => {
    const n = node();
    tickUntil(n, () => n.role() === 'candidate');
    msg(n, ae(3, n.term(), 0, 0, [], 0));
    expect([n.role(), n.leaderId()]).toEqual(['follower', 3]);
  });

  it('§5.2: a candidate whose vote splits times out and starts a new election in a new term', () => {
    const n = node();
    tickUntil(n, () => n.role() === 'candidate');
    msg(n, voteResp(2, 1, false));
    const r = tickUntil(n, (x) => x.messages.some((m) => m.type === 'RequestVote'));
    expect(n.term()).toBe(2);
    expect(r.messages[0]).toMatchObject({ type: 'RequestVote', term: 2 });
  });

  it('§5.2: a candidate rejected by a majority steps down', () => {
    const n = node();
    tickUntil(n, () => n.role() === 'candidate');
    msg(n, voteResp(2, 1, false));
    msg(n, voteResp(3, 1, false));
    expect(n.role()).toBe('follower');
  });

  it('§5.2: each server votes for at most one candidate per term, first come first served; the vote is in the same Ready (persist before reply)', () => {
    const n = node();
    const r1 = msg(n, rv(2, 1, 0, 0));
    expect(r1.messages[0]).toMatchObject({ voteGranted: true, term: 1 });
    expect(r1.hardState).toEqual({ term: 1, vote: 2, commit: 0 });
    expect(msg(n, rv(3, 1, 0, 0)).messages[0]).toMatchObject({ voteGranted: false });
    expect(msg(n, rv(2, 1, 0, 0)).messages[0]).toMatchObject({ voteGranted: true }); // a retry from the same candidate
  });

  it('§5.4.1: a voter denies a candidate whose log is less up-to-date (lower last term, or same term and shorter)', () => {
    const cases: [number, number, boolean][] = [
      [3, 2, false], // same last term, shorter
      [4, 2, true], // same last term, same length
      [5, 2, true], // longer
      [9, 1, false], // longer but older last term
      [1, 3, true], // newer last term wins regardless of length
    ];
    for (const [lastIndex, lastTerm, granted] of cases) {
      const n = node(disk(2, entries(1, 1, 2, 2)));
      expect(msg(n, rv(2, 3, lastIndex, lastTerm)).messages[0], `candidate (${lastIndex}, ${lastTerm})`).toMatchObject({ voteGranted: granted });
    }
  });

  it('§5.3: AppendEntries fails when the log has no entry at prevLogIndex with prevLogTerm, with the fast back-up hint', () => {
    const n = node(disk(3, entries(1, 2, 2, 2)));
    const tooShort = msg(n, ae(2, 3, 7, 3, [], 0)).messages[0] as AppendEntriesResponse;
    expect(tooShort).toMatchObject({ success: false, conflictIndex: 5, conflictTerm: null, rejectedIndex: 7 });
    const wrongTerm = msg(n, ae(2, 3, 4, 3, [], 0)).messages[0] as AppendEntriesResponse;
    expect(wrongTerm).toMatchObject({ success: false, conflictIndex: 2, conflictTerm: 2 });
    expect(n.log().lastIndex()).toBe(4);
  });

  it('§5.3: conflicting entries are deleted and new ones appended; a stale, shorter request truncates nothing', () => {
    const n = node(disk(3, entries(1, 1, 2, 2)));
    const r = msg(n, ae(2, 3, 2, 1, [{ index: 3, term: 3, data: 'x' }], 0));
    expect(r.messages[0]).toMatchObject({ success: true, matchIndex: 3 });
    expect(r.entriesToPersist).toEqual({ fromIndex: 3, entries: [{ index: 3, term: 3, data: 'x' }] });
    expect([n.log().lastIndex(), n.log().termAt(3)]).toEqual([3, 3]);
    msg(n, ae(2, 3, 3, 3, [{ index: 4, term: 3, data: 'y' }], 0));
    const stale = msg(n, ae(2, 3, 2, 1, [{ index: 3, term: 3, data: 'x' }], 0));
    expect(stale.entriesToPersist).toBeNull();
    expect(n.log().lastIndex()).toBe(4);
  });

  it('§5.3: a follower sets commitIndex = min(leaderCommit, index of last new entry) and emits those entries to apply', () => {
    const n = node(disk(1, []));
    const r = msg(n, ae(2, 1, 0, 0, entries(1, 1), 5));
    expect(n.commitIndex()).toBe(2);
    expect(r.committed.map((e) => e.index)).toEqual([1, 2]);
    // A heartbeat that only verifies a prefix must not commit beyond it.
    const m = node(disk(1, entries(1, 1, 1)));
    msg(m, ae(2, 1, 1, 1, [], 3));
    expect(m.commitIndex()).toBe(1);
  });

  it('§5.3: the leader backs nextIndex up using the conflict hint and retries at once', () => {
    const n = node(disk(4, entries(1, 1, 1, 4, 4)));
    electLeader(n); // term 5, no-op at 6
    const back = msg(n, { type: 'AppendEntriesResponse', from: 2, to: 1, term: 5, success: false, matchIndex: 0, rejectedIndex: 5, conflictIndex: 2, conflictTerm: 1, round: 0 });
    // The leader has term 1 through index 3, so it retries right after it.
    expect(back.messages[0]).toMatchObject({ type: 'AppendEntries', to: 2, prevLogIndex: 3, prevLogTerm: 1 });
    const short = msg(n, { type: 'AppendEntriesResponse', from: 3, to: 1, term: 5, success: false, matchIndex: 0, rejectedIndex: 5, conflictIndex: 2, conflictTerm: null, round: 0 });
    expect(short.messages[0]).toMatchObject({ type: 'AppendEntries', to: 3, prevLogIndex: 1 });
  });

  it('§5.3: the leader commits an entry of its term once a majority stores it, and emits it to apply', () => {
    const n = node();
    electLeader(n);
    const p = n.step({ kind: 'propose', data: 'x' });
    expect(p.proposed).toEqual({ index: 2, term: 1 });
    expect(n.commitIndex()).toBe(0);
    const r = msg(n, { type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 2, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 });
    expect(n.commitIndex()).toBe(2);
    expect(r.committed.map((e) => e.data)).toEqual([null, 'x']);
    expect(r.hardState).toEqual({ term: 1, vote: 1, commit: 2 });
  });

  it('§5.4.2 (Figure 8): the leader never commits an entry of an earlier term by counting replicas', () => {
    const n = node(disk(2, entries(1, 2)));
    electLeader(n); // term 3; no-op at 3
    // A majority stores index 2 (term 2), but not the no-op: nothing may commit.
    msg(n, { type: 'AppendEntriesResponse', from: 2, to: 1, term: 3, success: true, matchIndex: 2, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 });
    expect(n.commitIndex()).toBe(0);
    // Once the current-term no-op is on a majority, everything before it commits too.
    msg(n, { type: 'AppendEntriesResponse', from: 3, to: 1, term: 3, success: true, matchIndex: 3, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 });
    expect(n.commitIndex()).toBe(3);
  });

  it('§5.4.2 (Figure 8) without the §8 no-op: an old-term entry on a majority stays uncommitted until a current-term entry is', () => {
    const n = node(disk(2, entries(1, 2)), config(1, [1, 2, 3], { noOpOnElection: false }));
    electLeader(n); // term 3; nothing appended
    expect(n.log().lastIndex()).toBe(2);
    msg(n, { type: 'AppendEntriesResponse', from: 2, to: 1, term: 3, success: true, matchIndex: 2, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 });
    expect(n.commitIndex()).toBe(0);
    expect(n.step({ kind: 'propose', data: 'x' }).proposed).toEqual({ index: 3, term: 3 });
    msg(n, { type: 'AppendEntriesResponse', from: 2, to: 1, term: 3, success: true, matchIndex: 3, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 });
    expect(n.commitIndex()).toBe(3);
  });

  it('§8: the no-op on election is on by default', () => {
    const n = node(disk(2, entries(1, 2)));
    electLeader(n);
    expect(n.log().entryAt(3)).toEqual({ index: 3, term: 3, data: null });
  });

  it('§5.2: the leader sends heartbeats every heartbeatTicks', () => {
    const n = node();
    electLeader(n);
    let beats = 0;
    for (let i = 0; i < 5 * HEARTBEAT; i++) beats += n.step({ kind: 'tick' }).messages.filter((m) => m.type === 'AppendEntries').length;
    expect(beats).toBe(5 * 2);
  });

  it('Figure 2 "persistent state": a restarted node resumes with its term, vote and log, and re-applies committed entries', () => {
    const n = node(disk(7, entries(1, 7, 7), 3, 2));
    expect([n.term(), n.votedFor(), n.log().lastIndex(), n.commitIndex()]).toEqual([7, 3, 3, 2]);
    expect(msg(n, rv(2, 7, 9, 9)).messages[0]).toMatchObject({ voteGranted: false }); // already voted for 3 in term 7
    expect(n.step({ kind: 'tick' }).committed).toEqual([]); // applied on the earlier step
  });
});

describe('Raft extensions', () => {
  it('§6.4 ReadIndex: the leader answers after a quorum acknowledges a fresh heartbeat round; others answer null', () => {
    const follower = node();
    expect(follower.step({ kind: 'readIndex', requestId: 7 }).readStates).toEqual([{ requestId: 7, index: null }]);
    const n = node();
    electLeader(n);
    msg(n, { type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 1, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 });
    const r = n.step({ kind: 'readIndex', requestId: 9 });
    expect(r.readStates).toEqual([]);
    const round = (r.messages[0] as AppendEntries).round;
    expect(round).toBeGreaterThan(0);
    const ack = msg(n, { type: 'AppendEntriesResponse', from: 3, to: 1, term: 1, success: true, matchIndex: 1, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round });
    expect(ack.readStates).toEqual([{ requestId: 9, index: 1 }]);
  });

  it('§6.4: a new leader defers reads until it commits an entry of its own term', () => {
    const n = node();
    electLeader(n);
    expect(n.step({ kind: 'readIndex', requestId: 1 }).messages).toEqual([]);
    const r = msg(n, { type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 1, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 });
    expect(r.messages.some((m) => m.type === 'AppendEntries')).toBe(true); // the read's heartbeat round
  });

  it('thesis §9.6 PreVote: a pre-candidate does not raise its term until a majority would vote for it', () => {
    const n = node(null, config(1, [1, 2, 3], { preVote: true }));
    const r = tickUntil(n, (x) => x.messages.length > 0);
    expect([n.role(), n.term()]).toEqual(['pre-candidate', 0]);
    expect(r.messages[0]).toMatchObject({ type: 'RequestVote', preVote: true, term: 1 });
    const won = msg(n, voteResp(2, 1, true, true));
    expect([n.role(), n.term()]).toEqual(['candidate', 1]);
    expect(won.messages[0]).toMatchObject({ type: 'RequestVote', preVote: false, term: 1 });
  });

  it('thesis §9.6: a PreVote request neither changes the voter\'s term nor records a vote', () => {
    const n = node(disk(3, entries(1)));
    const r = msg(n, rv(2, 4, 1, 1, true));
    expect(r.messages[0]).toMatchObject({ voteGranted: true, term: 4, preVote: true });
    expect([n.term(), n.votedFor()]).toEqual([3, null]);
  });

  it('thesis §6.2 CheckQuorum: a leader that hears from no quorum for an election timeout steps down; voters in lease ignore candidates', () => {
    const n = node(null, config(1, [1, 2, 3], { checkQuorum: true }));
    electLeader(n);
    for (let i = 0; i < 2 * ELECTION; i++) n.step({ kind: 'tick' });
    expect(n.role()).toBe('follower');
    const f = node(null, config(1, [1, 2, 3], { checkQuorum: true }));
    msg(f, ae(2, 1, 0, 0, [], 0));
    expect(msg(f, rv(3, 2, 5, 5)).messages).toEqual([]);
    expect(f.term()).toBe(1);
  });

  it('§7 InstallSnapshot: a follower installs a newer snapshot, discarding a conflicting log, and answers with its index', () => {
    const n = node(disk(2, entries(1, 2, 2)));
    const r = msg(n, { type: 'InstallSnapshot', from: 2, to: 1, term: 3, snapshot: { meta: { index: 5, term: 3, voters: [1, 2, 3] }, data: ['a'] }, round: 0 });
    expect(r.snapshot).toMatchObject({ installed: true, keepLogSuffix: false });
    expect([n.log().snapshotIndex(), n.log().lastIndex(), n.commitIndex()]).toEqual([5, 5, 5]);
    expect(r.messages[0]).toMatchObject({ type: 'InstallSnapshotResponse', matchIndex: 5 });
    const again = msg(n, { type: 'InstallSnapshot', from: 2, to: 1, term: 3, snapshot: { meta: { index: 4, term: 3, voters: [1, 2, 3] }, data: [] }, round: 0 });
    expect(again.snapshot).toBeNull();
  });

  it('§7: compaction drops the prefix and the leader sends a snapshot to a peer that needs compacted entries', () => {
    const n = node();
    electLeader(n);
    for (const v of ['a', 'b', 'c']) n.step({ kind: 'propose', data: v });
    msg(n, { type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 4, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 });
    const c = n.step({ kind: 'compact', index: 3, data: ['a', 'b'] });
    expect(c.snapshot).toMatchObject({ installed: false, snapshot: { meta: { index: 3, term: 1 } } });
    expect(n.log().firstIndex()).toBe(4);
    // Peer 3 never answered: its next index (1) is compacted, so the next heartbeat carries the snapshot.
    const r = tickUntil(n, (x) => x.messages.length > 0);
    expect(r.messages.find((m) => m.to === 3)).toMatchObject({ type: 'InstallSnapshot', snapshot: { meta: { index: 3 }, data: ['a', 'b'] } });
    expect(r.messages.find((m) => m.to === 2)).toMatchObject({ type: 'AppendEntries', prevLogIndex: 4 });
  });
});
