import { forSeeds, metric, stage, test } from '../../grader/harness/api';
import { differential, fc, property } from '../../grader/harness/property';
import type { RaftHooks, RestoredState } from '../../engine/raft/hooks';
import { referencePersistence } from '../../engine/raft/hooks/persistence';
import type { Message } from '../../engine/raft/messages';
import { RaftNode } from '../../engine/raft/raft-node';
import { withHooks } from '../../engine/raft/reference-hooks';
import { World } from '../../engine/raft/scenarios/scenario';
import type { DurableState, Entry, HardState, Snapshot } from '../../engine/raft/types';
import type { Persistence } from './api';
import { RELIABLE, UNRELIABLE } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import { check, expectSafe, fail, traced } from './hidden-support';
import { copy, describeDisk, diskCase, type DiskCase } from './hidden-arbitraries';
import { persistence } from './solution';

const learner: Partial<RaftHooks> = { persistence };
const entry = (index: number, term: number): Entry => ({ index, term, data: `${index}@${term}` });
const terms = (entries: readonly Entry[]) => `[${entries.map((e) => e.term).join(',')}]`;

/** A node's disk, for directed checks: what the engine asked to write, written the way the driver does. */
class Disk {
  hardState: HardState | null = null;
  entries: Entry[] = [];
  snapshot: Snapshot | null = null;
  read(): DurableState {
    return { hardState: this.hardState, snapshot: this.snapshot, entries: this.entries.slice() };
  }
}

function stepAndPersist(node: RaftNode, disk: Disk, input: Parameters<RaftNode['step']>[0]): readonly Message[] {
  const rd = node.step(input);
  if (rd.entriesToPersist !== null) {
    const from = rd.entriesToPersist.fromIndex;
    disk.entries = [...disk.entries.filter((e) => e.index < from), ...rd.entriesToPersist.entries];
  }
  if (rd.hardState !== null) disk.hardState = rd.hardState;
  return rd.messages;
}

const cfg = (id: number, seed: number) => ({ id, voters: [1, 2, 3], electionTicks: 1000, heartbeatTicks: 2, preVote: false, checkQuorum: false, maxEntriesPerMessage: 100, rng: new Prng(seed) });
const vote = (from: number, term: number, lastLogIndex: number, lastLogTerm: number): Message => ({ type: 'RequestVote', from, to: 1, term, preVote: false, lastLogIndex, lastLogTerm });
const granted = (messages: readonly Message[], to: number) => messages.some((m) => m.type === 'RequestVoteResponse' && m.to === to && m.voteGranted);

/** What a restart resumes with, flattened for comparison and for the message; commitIndex may be anything from 0 to what was known committed (within the log). */
function resumed(r: RestoredState, d: DiskCase): Record<string, unknown> {
  const lastIndex = (d.snapshot?.meta.index ?? 0) + d.entries.length;
  const bound = Math.min(Math.max(d.fields.commitIndex, d.snapshot?.meta.index ?? 0), lastIndex);
  const commitOk = typeof r.commitIndex === 'number' && Number.isInteger(r.commitIndex) && r.commitIndex >= 0 && r.commitIndex <= bound;
  const snap = r.snapshot as Snapshot | null | undefined;
  const snapshot = snap === null || snap === undefined ? String(snap) : `through ${snap.meta?.index} of term ${snap.meta?.term}, voters ${JSON.stringify(snap.meta?.voters)}, data ${JSON.stringify(snap.data)}`;
  const entries = Array.isArray(r.entries) ? r.entries.map((e: Entry) => `${e.index}@${e.term}:${JSON.stringify(e.data)}`).join(' ') : String(r.entries);
  return { currentTerm: r.currentTerm, votedFor: r.votedFor, commitIndex: commitOk ? `from 0 to ${bound}` : r.commitIndex, snapshot, entries: `[${entries}]` };
}

const showResumed = (r: unknown): string => Object.entries(r as Record<string, unknown>).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ');

/** The disk a node with these values leaves behind, its hard state written by `p`. */
function diskOf(d: DiskCase, p: Persistence): DurableState {
  return { hardState: p.hardState(copy(d.fields)), snapshot: copy(d.snapshot), entries: copy(d.entries) };
}

const restartedBy = (p: Persistence, d: DiskCase): unknown => resumed(p.restore(diskOf(d, p)), d);

stage('hard-state', () => {
  test('hardState carries the current term and the vote', () => {
    const rng = new Prng('fields');
    for (let i = 0; i < 200; i++) {
      const fields = { currentTerm: rng.range(0, 50), votedFor: rng.chance(300) ? null : rng.range(1, 7), commitIndex: rng.range(0, 100) };
      const hs = persistence.hardState(Object.freeze(fields));
      const shown = JSON.stringify(fields);
      check(hs !== null && typeof hs === 'object', `hardState(${shown}) returned ${String(hs)}.`);
      check(hs.term === fields.currentTerm, `hardState(${shown}) writes term ${hs.term}: currentTerm must be on disk before the node sends anything in that term, or after a crash it would go back to an older term and could vote twice in it (Figure 2).`);
      check(hs.vote === fields.votedFor, `hardState(${shown}) writes vote ${hs.vote}: votedFor must be on disk before the vote is granted, or after a crash the node could vote again, for another candidate, in the same term (Figure 2; two leaders in one term).`);
      check(Number.isInteger(hs.commit) && hs.commit >= 0 && hs.commit <= fields.commitIndex, `hardState(${shown}) writes commit ${hs.commit}: persist at most the commitIndex the node knows (0 is allowed: commitIndex is volatile in the paper).`);
    }
  });

  // Figure 2 "Persistent state on all servers": generated fields, from a fresh node to large terms, with and without a vote.
  forSeeds('hardState writes the term and the vote it is given, and no more commit than known (generated)', [31, 32], (seed) =>
    property(
      'hardState(fields)',
      fc.record({
        currentTerm: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 2 ** 31 })),
        votedFor: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
        commitIndex: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 100_000 })),
      }),
      (fields) => {
        const hs = persistence.hardState({ ...fields });
        const shown = JSON.stringify(hs);
        check(hs !== null && typeof hs === 'object', `returned ${shown}`);
        check(hs.term === fields.currentTerm, `wrote ${shown}: term must be currentTerm ${fields.currentTerm} (Figure 2: currentTerm is persistent state).`);
        check(hs.vote === fields.votedFor, `wrote ${shown}: vote must be votedFor ${String(fields.votedFor)} (Figure 2: votedFor is persistent state; null when the node has not voted in this term).`);
        check(Number.isInteger(hs.commit) && hs.commit >= 0 && hs.commit <= fields.commitIndex, `wrote ${shown}: commit must be between 0 and the known commitIndex ${fields.commitIndex}.`);
      },
      { seed, numRuns: 300 },
    ),
  );

  forSeeds('every vote and every new term is on disk before a message leaves', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    const w = new World({ nodes: 5, seed, network: UNRELIABLE, hooksFor: (id) => (id <= 3 ? learner : {}) });
    const c = w.cluster;
    const rng = new Prng(seed).fork('elections');
    traced(w, seed, () => {
      for (let round = 0; round < 6; round++) {
        w.awaitLeader(3000);
        c.propose(`r${round}`);
        c.runForMs(rng.range(50, 200));
        const l = c.leader();
        if (l !== null) c.isolate(l);
        c.runForMs(rng.range(400, 900));
        c.heal();
      }
      metric('driverViolations', c.violations.length);
      expectSafe(w, seed, 'through elections on a lossy network (nodes 1–3 yours)');
    });
  });
});

stage('restore', () => {
  test('a brand-new node starts at term 0, with no vote and an empty log', () => {
    const r = persistence.restore(Object.freeze({ hardState: null, snapshot: null, entries: Object.freeze([]) }));
    check(r.currentTerm === 0 && r.votedFor === null && r.commitIndex === 0 && r.snapshot === null && r.entries.length === 0, `restore of an empty disk gave ${JSON.stringify(r)}; a node that never wrote anything starts at term 0 with no vote, commitIndex 0, no snapshot and an empty log.`);
  });

  test('restore(disk) resumes exactly what hardState and the log wrote', () => {
    const rng = new Prng('round-trip');
    for (let i = 0; i < 200; i++) {
      const withSnapshot = rng.chance(400);
      const snapIndex = withSnapshot ? rng.range(1, 20) : 0;
      const snapTerm = withSnapshot ? rng.range(1, 3) : 0;
      const entries: Entry[] = [];
      let term = Math.max(1, snapTerm);
      for (let k = 1; k <= rng.range(0, 15); k++) {
        if (rng.chance(200)) term++;
        entries.push(entry(snapIndex + k, term));
      }
      const lastIndex = snapIndex + entries.length;
      const fields = { currentTerm: term + rng.range(0, 3), votedFor: rng.chance(300) ? null : rng.range(1, 5), commitIndex: rng.range(snapIndex, lastIndex) };
      const snapshot: Snapshot | null = withSnapshot ? { meta: { index: snapIndex, term: snapTerm, voters: [1, 2, 3] }, data: { applied: snapIndex } } : null;
      const hs = persistence.hardState(Object.freeze(fields));
      const disk: DurableState = Object.freeze({ hardState: Object.freeze({ ...hs }), snapshot, entries: Object.freeze(entries.slice()) });
      const r = persistence.restore(disk);
      const shown = `fields ${JSON.stringify(fields)}, log ${terms(entries)} after ${withSnapshot ? `a snapshot through ${snapIndex}` : 'no snapshot'}`;
      check(r.currentTerm === fields.currentTerm, `after a crash with ${shown}, restore gave currentTerm ${r.currentTerm}; it must be ${fields.currentTerm}. A term can be newer than any log entry (elections write no entries), so read it from the hard state, never from the log.`);
      check(r.votedFor === fields.votedFor, `after a crash with ${shown}, restore gave votedFor ${r.votedFor}; it must be ${fields.votedFor}. A node that forgets its vote can vote again in the same term, and two candidates can both win it.`);
      check(terms(r.entries) === terms(entries) && r.entries.every((e, k) => e === entries[k] || JSON.stringify(e) === JSON.stringify(entries[k])), `after a crash with ${shown}, restore gave the log ${terms(r.entries)}: return every entry on disk, unchanged. Entries this node acknowledged may be counted in a majority that committed them.`);
      check((r.snapshot === null) === (snapshot === null) && (snapshot === null || r.snapshot?.meta.index === snapshot.meta.index), `after a crash with ${shown}, restore ${r.snapshot === null ? 'dropped' : 'changed'} the snapshot: the log continues after it, so hand it back as it is.`);
      check(r.commitIndex <= fields.commitIndex && r.commitIndex <= lastIndex && r.commitIndex >= 0, `after a crash with ${shown}, restore gave commitIndex ${r.commitIndex}, more than the ${fields.commitIndex} known committed before the crash. A restarted node applies everything up to commitIndex at once: entries past the real commit point may still be overwritten by a new leader.`);
    }
  });

  // Figure 2 and §7: term, vote, every entry (no-ops too) and the whole snapshot (its term and voters, not only its index) come back exactly.
  forSeeds('restore(disk) resumes the term, vote, log and whole snapshot as written (generated disks)', [41, 42, 43], (seed) =>
    differential('restart from the disk hardState and the log wrote', {
      seed,
      numRuns: 300,
      arbitrary: diskCase,
      actual: (d) => restartedBy(persistence, d),
      expected: (d) => restartedBy(referencePersistence, d),
      describeCase: describeDisk,
      describeAnswer: showResumed,
    }),
  );

  // The engine shares one Persistence object among all the nodes of a cluster (2 to 9 here): what
  // a node resumes with must come from its own disk, never from what another node wrote last.
  forSeeds('several nodes restart from their own disks (one persistence object, 2 to 9 nodes)', [51, 52], (seed) =>
    property(
      'nodes writing, then restarting in another order',
      fc.array(diskCase, { minLength: 2, maxLength: 9 }).chain((ds) => fc.tuple(fc.constant(ds), fc.shuffledSubarray(ds.map((_, k) => k), { minLength: ds.length, maxLength: ds.length }))),
      ([ds, order]) => {
        const disks = ds.map((d) => diskOf(d, persistence));
        for (const k of order) {
          const got = resumed(persistence.restore(copy(disks[k]!)), ds[k]!);
          const want = restartedBy(referencePersistence, ds[k]!);
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            // Name module state as the cause only when the resumed term and vote are another node's.
            const other = ds.findIndex((d, j) => j !== k && d.fields.currentTerm === got.currentTerm && d.fields.votedFor === got.votedFor);
            const cause = other >= 0 && (ds[k]!.fields.currentTerm !== got.currentTerm || ds[k]!.fields.votedFor !== got.votedFor) ? `its term and vote are node ${other + 1}'s: state kept in your module leaks between nodes (they all share it); read everything from the disk given to restore.` : 'each node must resume from the disk it is given.';
            fail(`node ${k + 1} of ${ds.length}: ${cause} It resumed {${showResumed(got)}}; its own disk holds {${showResumed(want)}}.`);
          }
          // Another node steps meanwhile and writes its hard state.
          persistence.hardState(copy(ds[(k + 1) % ds.length]!.fields));
        }
      },
      { seed, numRuns: 60, describeCase: ([ds, order]) => `${ds.length} nodes, restarted in order [${order.map((k) => k + 1).join(',')}]` },
    ),
  );

  // Raft §5.4.1 and §7: after restarting from a snapshot, the node's last log term is the snapshot's term
  // when no entry follows it, and an AppendEntries whose prevLogIndex is the snapshot index matches on its term.
  test('a node restarted from a snapshot knows the snapshot term (votes and AppendEntries at the boundary)', () => {
    for (const after of [[], [entry(11, 4), entry(12, 5)]] as Entry[][]) {
      const snapshot: Snapshot = { meta: { index: 10, term: 3, voters: [1, 2, 3] }, data: { applied: 10 } };
      const lastTerm = after.length === 0 ? 3 : 5;
      const lastIndex = 10 + after.length;
      const disk = (): DurableState => ({ hardState: persistence.hardState({ currentTerm: 6, votedFor: null, commitIndex: 10 }), snapshot: copy(snapshot), entries: copy(after) });
      const shown = `a snapshot through 10 taken in term 3${after.length === 0 ? ' and no entries after it' : `, then entries 11..12 of terms 4 and 5`}, currentTerm 6`;
      let node = new RaftNode(cfg(1, 5), withHooks({ persistence }), disk());
      check(!granted(node.step({ kind: 'message', message: vote(2, 7, lastIndex + 3, lastTerm - 1) }).messages, 2), `restarted with ${shown}, the node granted its vote to a candidate whose last log term ${lastTerm - 1} is older than its own (${lastTerm}): Raft §5.4.1. Hand back the snapshot as it is, term included.`);
      node = new RaftNode(cfg(1, 6), withHooks({ persistence }), disk());
      check(granted(node.step({ kind: 'message', message: vote(3, 7, lastIndex, lastTerm) }).messages, 3), `restarted with ${shown}, the node refused a candidate whose log (last index ${lastIndex}, term ${lastTerm}) is as up to date as its own: Raft §5.4.1.`);
      node = new RaftNode(cfg(1, 7), withHooks({ persistence }), disk());
      const out = node.step({ kind: 'message', message: { type: 'AppendEntries', from: 2, to: 1, term: 7, prevLogIndex: lastIndex, prevLogTerm: lastTerm, entries: [entry(lastIndex + 1, 7)], leaderCommit: 10, round: 0 } }).messages;
      check(out.some((m) => m.type === 'AppendEntriesResponse' && m.success), `restarted with ${shown}, the node rejected AppendEntries with prevLogIndex ${lastIndex}, prevLogTerm ${lastTerm}, which match its log (Figure 2, AppendEntries rule 2; §7).`);
    }
  });

  test('a node that voted and crashed does not vote for someone else in that term', () => {
    const disk = new Disk();
    let node = new RaftNode(cfg(1, 1), withHooks({ persistence }), disk.read());
    check(granted(stepAndPersist(node, disk, { kind: 'message', message: vote(2, 5, 0, 0) }), 2), 'a fresh node refused the first candidate of term 5.');
    // Crash: only the disk survives.
    node = new RaftNode(cfg(1, 2), withHooks({ persistence }), disk.read());
    check(!granted(stepAndPersist(node, disk, { kind: 'message', message: vote(3, 5, 0, 0) }), 3), 'after granting its vote in term 5 to node 2 and crashing, the node granted a vote in term 5 to node 3 as well: both can now win term 5 (election safety). votedFor must be written by hardState and handed back by restore.');
    check(granted(stepAndPersist(node, disk, { kind: 'message', message: vote(2, 5, 0, 0) }), 2), 'after a restart the node refused a retried request from node 2, the candidate it had voted for in term 5 (restore votedFor, do not reset it).');
  });

  test('a restarted node still refuses a deposed leader from an older term', () => {
    const disk = new Disk();
    let node = new RaftNode(cfg(1, 3), withHooks({ persistence }), disk.read());
    // Term 2 leader replicates two entries; then term 7 starts (a vote, no entries).
    stepAndPersist(node, disk, { kind: 'message', message: { type: 'AppendEntries', from: 2, to: 1, term: 2, prevLogIndex: 0, prevLogTerm: 0, entries: [entry(1, 2), entry(2, 2)], leaderCommit: 0, round: 0 } });
    stepAndPersist(node, disk, { kind: 'message', message: vote(3, 7, 2, 2) });
    node = new RaftNode(cfg(1, 4), withHooks({ persistence }), disk.read());
    check(node.term() === 7, `after a crash in term 7, the node restarted in term ${node.term()}: the current term is newer than the last log entry (term 2); it must come from the hard state.`);
    const out = stepAndPersist(node, disk, { kind: 'message', message: { type: 'AppendEntries', from: 2, to: 1, term: 3, prevLogIndex: 2, prevLogTerm: 2, entries: [entry(3, 3)], leaderCommit: 3, round: 0 } });
    check(node.log().lastIndex() === 2 && !out.some((m) => m.type === 'AppendEntriesResponse' && m.success), 'after a restart, the node accepted entries from a leader of term 3 although it had moved on to term 7 before crashing.');
  });
});

stage('crashes', () => {
  /**
   * MIT 6.5840 TestPersist1/TestPersist2 (crash every server, restart them all from what they
   * persisted, more than once): Figure 2 "persistent state" must carry a whole cluster through two
   * cold starts in a row. Each round commits values, crashes every node at once (sometimes just as a
   * leader committed, before the followers heard), restarts them all from disk only, and checks
   * that every entry committed before is still in the log of a majority and that the cluster makes
   * progress again (Raft §5.4: a new leader holds every committed entry). Sizes 3, 4, 5 from the seed.
   */
  forSeeds('two whole-cluster restarts in a row: committed entries intact, progress after each', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    const nodes = [3, 4, 5][seed % 3]!;
    const w = new World({ nodes, seed, network: seed % 2 === 0 ? UNRELIABLE : RELIABLE, hooksFor: () => learner, snapshotEveryEntries: seed % 4 === 0 ? 4 : null });
    const c = w.cluster;
    const committed: { index: number; value: string }[] = [];
    traced(w, seed, () => {
      if (w.awaitLeader(5000) === null) return fail(`no leader (seed ${seed}).`);
      for (let round = 1; round <= 2; round++) {
        for (let k = 0; k < 3; k++) {
          const value = `r${round}.${k}`;
          const index = w.one(value, nodes, 10_000);
          if (index === null) return fail(`before restart ${round}, the ${nodes} nodes could not agree on "${value}" within 10 s (seed ${seed}).`);
          committed.push({ index, value });
        }
        // In odd rounds of odd seeds the crash comes right after the leader committed one more, before every follower applied it.
        if ((round + seed) % 2 === 0) {
          const leader = c.leader();
          const pos = leader === null ? null : c.propose(`r${round}.late`, leader);
          if (pos !== null) c.runUntil(() => c.appliedIndex(leader!) >= pos.index, 2000);
        }
        const termsBefore = c.ids.map((id) => c.node(id)?.term() ?? 0);
        for (const id of c.ids) c.crash(id);
        for (const id of c.ids) c.restart(id);
        const shown = `after whole-cluster restart ${round} of 2 (${nodes} nodes, seed ${seed})`;
        for (const id of c.ids) {
          const n = c.node(id)!;
          check(n.term() >= termsBefore[id - 1]!, `${shown}, node ${id} resumed in term ${n.term()}, older than the term ${termsBefore[id - 1]} it was in when it crashed: currentTerm must come back from the hard state (Figure 2).`);
        }
        // Every committed entry is on a majority of the restarted logs (what the next leader is elected from, §5.4.1).
        for (const e of committed) {
          const holders = c.ids.filter((id) => {
            const log = c.node(id)!.log();
            return e.index <= log.snapshotIndex() || JSON.stringify(log.entryAt(e.index)?.data) === JSON.stringify(e.value);
          }).length;
          check(2 * holders > nodes, `${shown}, only ${holders} of ${nodes} restarted nodes hold "${e.value}" at index ${e.index}, which was committed before the crash: restore must hand back every entry and the snapshot on disk, so a committed entry stays on a majority (Figure 2, §5.4).`);
        }
        const next = w.one(`after-restart-${round}`, nodes, 10_000);
        check(next !== null, `${shown}, the cluster could not commit a new value on all ${nodes} nodes within 10 s.`);
        for (const e of committed) {
          const got = w.checker.appliedPayloadAt(e.index);
          check(got === undefined || got === JSON.stringify(e.value), `${shown}, index ${e.index} holds ${got}, but "${e.value}" was committed there before (state machine safety, §5.4.3).`);
        }
        if (next !== null) committed.push({ index: next, value: `after-restart-${round}` });
      }
      metric('committed', committed.length);
      expectSafe(w, seed, `across two whole-cluster restarts (${nodes} nodes)`);
    });
  });

  forSeeds('crash and restart all nodes, the leader, then a follower', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    const w = new World({ nodes: 3, seed, network: seed % 2 === 0 ? UNRELIABLE : RELIABLE, hooksFor: () => learner });
    const c = w.cluster;
    traced(w, seed, () => {
      if (w.awaitLeader(5000) === null) return fail(`no leader (seed ${seed}).`);
      const agree = (v: string, n: number) => check(w.one(v, n, 10_000) !== null, `the cluster could not commit "${v}" on ${n} nodes within 10 s (seed ${seed}).`);
      agree('a', 3);
      for (const id of c.ids) c.crash(id);
      for (const id of c.ids) c.restart(id);
      agree('b', 3);
      c.restart(c.leader()!);
      agree('c', 3);
      const l = c.leader()!;
      c.crash(l);
      agree('d', 2);
      c.restart(l);
      agree('e', 3);
      const f = c.ids.find((id) => id !== c.leader())!;
      c.crash(f);
      agree('f', 2);
      c.restart(f);
      agree('g', 3);
      expectSafe(w, seed, 'across crashes of every node');
    });
  });

  forSeeds('leaders and followers crash in turn, your nodes next to reference nodes', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    const w = new World({ nodes: 5, seed, network: UNRELIABLE, hooksFor: (id) => (id <= 3 ? learner : {}) });
    const c = w.cluster;
    traced(w, seed, () => {
      if (w.awaitLeader(5000) === null) return fail(`no leader (seed ${seed}).`);
      w.one('start', 5);
      for (let iter = 0; iter < 3; iter++) {
        const l = c.leader()!;
        const followers = c.ids.filter((id) => id !== l);
        c.crash(followers[0]!);
        c.crash(followers[1]!);
        w.one(`x${iter}`, 3);
        c.crash(l);
        c.crash(followers[2]!);
        c.restart(followers[0]!);
        c.restart(followers[1]!);
        c.runForMs(100);
        c.restart(followers[2]!);
        w.one(`y${iter}`, 3);
        c.restart(l);
      }
      w.one('end', 5);
      expectSafe(w, seed, 'as leaders and followers crashed (nodes 1–3 yours)');
    });
  });

  forSeeds('restart from a snapshot', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    const w = new World({ nodes: 3, seed, network: RELIABLE, hooksFor: () => learner, snapshotEveryEntries: 5 });
    const c = w.cluster;
    traced(w, seed, () => {
      if (w.awaitLeader(5000) === null) return fail(`no leader (seed ${seed}).`);
      for (let i = 0; i < 12; i++) w.one(`s${i}`, 3);
      const victim = c.ids.find((id) => id !== c.leader())!;
      check(c.disk(victim).snapshotIndex() > 0, `node ${victim} took no snapshot (seed ${seed}).`);
      c.crash(victim);
      c.restart(victim);
      check(c.appliedIndex(victim) >= c.disk(victim).snapshotIndex(), `node ${victim} restarted without its snapshot (seed ${seed}): restore must hand back disk.snapshot; the log on disk starts after it.`);
      for (let i = 0; i < 4; i++) w.one(`t${i}`, 3);
      for (const id of c.ids) c.crash(id);
      for (const id of c.ids) c.restart(id);
      w.one('after', 3);
      expectSafe(w, seed, 'restarting from snapshots');
    });
  });
  // Figure 2 and §5.4: generated crash schedules on clusters of every size from 2 to 9 (even and odd), with
  // your nodes mixed among reference nodes; committed entries survive and the cluster still agrees afterwards.
  forSeeds('generated crash schedules on 2 to 9 nodes, yours mixed with reference nodes', [61, 62, 63, 64, 65, 66, 67, 68], (seed) => {
    const rng = new Prng(seed).fork('schedule');
    const n = 2 + ((seed - 61) * 3) % 8;
    const yours = new Set(rng.shuffled(Array.from({ length: n }, (_, k) => k + 1)).slice(0, rng.range(1, n)));
    const w = new World({ nodes: n, seed, network: seed % 2 === 0 ? UNRELIABLE : RELIABLE, hooksFor: (id) => (yours.has(id) ? learner : {}) });
    const c = w.cluster;
    const schedule: string[] = [];
    traced(w, seed, () => {
      w.awaitLeader(3000);
      for (let step = 0; step < 16 && w.checker.ok && c.violations.length === 0; step++) {
        const roll = rng.int(100);
        const up = c.ids.filter((id) => c.isUp(id));
        const down = c.ids.filter((id) => !c.isUp(id));
        if (roll < 30) {
          const l = c.leader();
          for (let k = rng.range(1, 3); k > 0; k--) c.propose(`g${step}.${k}`, l);
          schedule.push(`propose at ${String(l)}`);
        } else if (roll < 50 && up.length > 1) {
          const victim = rng.chance(500) && c.leader() !== null ? c.leader()! : rng.pick(up);
          c.crash(victim);
          schedule.push(`crash ${victim}`);
        } else if (roll < 70 && down.length > 0) {
          const back = rng.pick(down);
          c.restart(back);
          schedule.push(`restart ${back}`);
        } else if (roll < 80 && n > 2) {
          const cut = rng.pick(c.ids);
          c.isolate(cut);
          schedule.push(`isolate ${cut}`);
        } else if (roll < 90) {
          c.heal();
          schedule.push('heal');
        }
        c.runForMs(rng.range(20, 400));
      }
      c.heal();
      for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
      c.setNetwork(RELIABLE);
      w.awaitLeader(10_000);
      const shown = `${n} nodes, yours [${[...yours].sort((a, b) => a - b).join(',')}], schedule: ${schedule.join(', ')}`;
      if (w.checker.ok && c.violations.length === 0) check(w.one('final', n, 10_000) !== null, `after the schedule (${shown}) the ${n} nodes could not agree on one more value within 10 s (seed ${seed}).`);
      expectSafe(w, seed, `in a generated crash schedule (${shown})`);
    });
  });
});

stage('figure-8', () => {
  forSeeds('Figure 8 under an unreliable network: leaders crash at random moments', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (seed) => {
    const w = new World({ nodes: 5, seed, network: UNRELIABLE, hooksFor: () => learner });
    const c = w.cluster;
    const rng = new Prng(seed).fork('figure-8');
    traced(w, seed, () => {
      w.awaitLeader();
      w.one(rng.int(10_000), 1);
      let up = c.ids.length;
      for (let iter = 0; iter < 120; iter++) {
        const l = c.leader();
        if (l !== null) for (let k = 0; k < 3; k++) c.propose(rng.int(10_000), l);
        c.runForMs(rng.chance(100) ? rng.range(0, 500) : rng.range(0, 13));
        const l2 = c.leader();
        if (l2 !== null && rng.chance(500)) {
          c.crash(l2);
          up--;
        }
        if (up < 3) {
          c.restart(rng.pick(c.ids.filter((id) => !c.isUp(id))));
          up++;
        }
        if (!w.checker.ok || c.violations.length > 0) break;
      }
      for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
      c.setNetwork(RELIABLE);
      w.awaitLeader(10_000);
      check(w.one(rng.int(10_000), 5, 10_000) !== null, `after the storm the 5 nodes could not agree on one more value within 10 s (seed ${seed}).`);
      metric('rpcs', c.rpcCount());
      expectSafe(w, seed, 'in the Figure 8 storm');
    });
  });
});
