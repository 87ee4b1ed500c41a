import { attachTrace, forSeeds, metric, stage, test } from '../../grader/harness/api';
import type { AppendEntries } from '../../engine/raft/messages';
import { RaftNode } from '../../engine/raft/raft-node';
import { withHooks } from '../../engine/raft/reference-hooks';
import { World } from '../../engine/raft/scenarios/scenario';
import type { Entry } from '../../engine/raft/types';
import { RELIABLE, UNRELIABLE, UNRELIABLE_REORDERING } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import { entry, judgeAppend, judgeCommit, show, type AppendCase, type CommitCase } from './hidden-cases';
import { appendCase, commitCase, commitOf, describeAppend, describeCommit, describeOutcome, outcome, referenceCommit, referenceOutcome, type AppendOutcome } from './hidden-generated';
import { adviceFrom, check, expectSafe, fail, storm, traced, Watch } from './hidden-support';
import { differential, property } from '../../grader/harness/property';
import { appendEntries, commitRule } from './solution';


/**
 * Differential property: your appendEntries against the rules on generated follower/leader logs
 * (shared prefix, then tails of disjoint terms, several terms each; Figure 7) and a generated
 * window of the leader's log, heartbeats included; `project` keeps the part of the outcome a stage
 * is about. A failure is shrunk to a minimal case and names the seed.
 */
function appendProperty(what: string, seed: number, project: (o: AppendOutcome) => unknown): void {
  differential(what, {
    seed,
    numRuns: 200,
    arbitrary: appendCase,
    actual: (c) => project(outcome(appendEntries, c)),
    expected: (c) => project(referenceOutcome(c)),
    describeCase: describeAppend,
    describeAnswer: (a) => (typeof a === 'string' ? a : 'rejected' in (a as object) || 'log' in (a as object) || 'invalid' in (a as object) ? describeOutcome(a as AppendOutcome) : JSON.stringify(a)),
  });
}

const GENERATED_SEEDS = [101, 102];

function runCases(cases: readonly AppendCase[]): void {
  for (const c of cases) {
    const problem = judgeAppend(appendEntries, c);
    if (problem !== null) return fail(problem);
  }
}

const CONSISTENCY: readonly AppendCase[] = [
  { name: 'first entries into an empty log', log: [], prev: [0, 0], entries: [1, 1], expect: { log: [1, 1], matchIndex: 2 }, why: 'index 0 (term 0) always matches' },
  { name: 'log too short', log: [1, 1], prev: [3, 1], entries: [1], expect: { reject: { conflictIndex: 3, conflictTerm: null } }, why: 'rule 2: there is no entry at prevLogIndex 3; the hint is our last index + 1 with conflictTerm null' },
  { name: 'term mismatch at prevLogIndex', log: [1, 1, 2], prev: [3, 3], entries: [3], expect: { reject: { conflictIndex: 3, conflictTerm: 2 } }, why: 'rule 2: our entry 3 has term 2, not 3' },
  { name: 'heartbeat at our last entry', log: [1, 1], prev: [2, 1], expect: { log: [1, 1], matchIndex: 2 }, why: 'an empty AppendEntries whose prevLog matches is accepted' },
  { name: 'heartbeat below our last entry', log: [1, 1, 1], prev: [1, 1], expect: { log: [1, 1, 1], matchIndex: 1 }, why: 'a heartbeat carries no entries, so nothing conflicts and nothing is deleted; the logs are known to match only through prevLogIndex' },
  { name: 'heartbeat whose prevLogTerm is newer than ours', log: [1, 1, 2, 2], prev: [4, 3], expect: { reject: { conflictIndex: 3, conflictTerm: 2 } }, why: 'rule 2 applies to heartbeats too: an empty AppendEntries still proves the logs match through prevLogIndex, and ours holds term 2 there, not 3' },
  { name: 'heartbeat whose prevLogTerm is older than ours', log: [1, 3, 3], prev: [3, 2], leaderCommit: 3, expect: { reject: { conflictIndex: 2, conflictTerm: 3 } }, why: 'rule 2: our entry 3 has term 3 (from a deposed leader), the leader\'s has term 2; accepting the heartbeat would commit our entry 3 with leaderCommit 3' },
  { name: 'mismatch in the middle of the log', log: [1, 1, 2, 2, 2], prev: [4, 3], entries: [3], expect: { reject: { conflictIndex: 3, conflictTerm: 2 } }, why: 'rule 2 (a matching length is not enough, the term must match too); the hint names our term 2 and the first index we hold with it' },
];

const CONFLICTS: readonly AppendCase[] = [
  { name: 'stale request: every entry already present', log: [1, 1, 1, 1], prev: [1, 1], entries: [1, 1], expect: { log: [1, 1, 1, 1], matchIndex: 3 }, why: 'rule 3 deletes only on a conflict (same index, different term); an old or duplicated request must not cut off entries that arrived after it' },
  { name: 'duplicated first request', log: [1, 1, 1, 2], prev: [0, 0], entries: [1, 1], expect: { log: [1, 1, 1, 2], matchIndex: 2 }, why: 'entries 1–2 match; entries 3–4 are newer and must stay' },
  { name: 'conflict after a matching entry', log: [1, 1, 2, 2], prev: [1, 1], entries: [1, 3, 3], expect: { log: [1, 1, 3, 3], matchIndex: 4 }, why: 'entry 2 matches and is kept; entry 3 conflicts (term 2 vs 3), so it and everything after it go, then the new entries are appended' },
  { name: 'conflict removes a longer tail', log: [1, 1, 2, 2, 2], prev: [2, 1], entries: [3], expect: { log: [1, 1, 3], matchIndex: 3 }, why: 'entry 3 conflicts, so entries 3–5 are deleted (rule 3) and entry 3 of term 3 appended' },
  { name: 'append after the last entry', log: [1, 1], prev: [2, 1], entries: [1, 2], expect: { log: [1, 1, 1, 2], matchIndex: 4 }, why: 'rule 4: append any new entries not already in the log' },
];

const BACKOFF: readonly AppendCase[] = [
  { name: 'a whole term to skip', log: [1, 1, 1, 4, 4, 4, 4], prev: [6, 5], entries: [5], expect: { reject: { conflictIndex: 4, conflictTerm: 4 } }, why: 'conflictTerm is the term of our entry at prevLogIndex (4) and conflictIndex the first index holding that term (4), so the leader can skip all of term 4 in one round trip' },
  { name: 'empty follower, far behind', log: [], prev: [5, 2], expect: { reject: { conflictIndex: 1, conflictTerm: null } }, why: 'too short: conflictTerm null and conflictIndex our last index + 1 (1), so the leader jumps straight back to it' },
  { name: 'conflicting term starting at index 1', log: [2, 2, 2], prev: [3, 3], entries: [3], expect: { reject: { conflictIndex: 1, conflictTerm: 2 } }, why: 'term 2 starts at index 1' },
];

const FOLLOWER_COMMIT: readonly AppendCase[] = [
  { name: 'leaderCommit ahead of what this request verified', log: [1, 1, 1], prev: [1, 1], entries: [1], leaderCommit: 3, expect: { log: [1, 1, 1], matchIndex: 2, commitIndex: 2 }, why: 'rule 5: commitIndex = min(leaderCommit, index of the last new entry) = min(3, 2); entry 3 was not checked by this request and may not be the leader\'s' },
  { name: 'stale leaderCommit', log: [1, 1, 1], commit: 3, prev: [1, 1], leaderCommit: 1, expect: { log: [1, 1, 1], matchIndex: 1, commitIndex: 3 }, why: 'commitIndex never goes backwards: an old request carries an old leaderCommit' },
  { name: 'leaderCommit covers the new entries', log: [1, 1], prev: [2, 1], entries: [1, 1], leaderCommit: 5, expect: { log: [1, 1, 1, 1], matchIndex: 4, commitIndex: 4 }, why: 'rule 5: min(leaderCommit 5, last new entry 4)' },
  { name: 'heartbeat with a conflicting old tail', log: [1, 1, 2, 2], prev: [2, 1], leaderCommit: 4, expect: { log: [1, 1, 2, 2], matchIndex: 2, commitIndex: 2 }, why: 'a heartbeat verifies the log only through prevLogIndex 2; entries 3–4 may be from a deposed leader, so commit only through 2' },
];

const COMMIT: readonly CommitCase[] = [
  { name: 'majority of three', term: 2, log: [1, 2, 2], commit: 0, matchIndexes: [3, 3, 0], expect: 3, why: 'index 3 is on 2 of 3 nodes and from the current term' },
  { name: 'highest index on a majority', term: 2, log: [1, 2, 2], commit: 0, matchIndexes: [3, 2, 0], expect: 2, why: 'index 3 is only on the leader; index 2 is on 2 of 3' },
  { name: 'Figure 8: old-term entry on a majority', term: 4, log: [1, 2, 4], commit: 1, matchIndexes: [3, 2, 2, 1, 1], expect: 1, why: 'index 2 is on 3 of 5 nodes but from term 2; a leader must not commit an entry of an earlier term by counting replicas (§5.4.2, Figure 8): a later leader could still overwrite it' },
  { name: 'Figure 8: current-term entry commits the old one', term: 4, log: [1, 2, 4], commit: 1, matchIndexes: [3, 3, 3, 1, 1], expect: 3, why: 'index 3 (term 4) is on a majority, which commits it and, indirectly, everything before it' },
  { name: 'old-term entries counted, current-term entry not yet', term: 3, log: [1, 1, 3, 3], commit: 0, matchIndexes: [4, 2, 2], expect: 0, why: 'index 2 is on every node but from term 1, and no term-3 entry is on a majority yet' },
  { name: 'four nodes need three', term: 1, log: [1, 1, 1], commit: 0, matchIndexes: [3, 3, 1, 0], expect: 1, why: 'a majority of 4 is 3: index 3 is on only 2 of 4 nodes, index 1 on 3' },
  { name: 'two nodes need both', term: 2, log: [2, 2, 2], commit: 0, matchIndexes: [3, 0], expect: 0, why: 'a majority of 2 is 2: the leader alone is not a majority' },
  { name: 'six nodes need four (indexes past 9)', term: 3, log: [1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], commit: 2, matchIndexes: [12, 9, 10, 11, 2, 3], expect: 9, why: 'a majority of 6 is 4; sorted high to low the matchIndexes are 12, 11, 10, 9, 3, 2, so index 9 is on 4 nodes (numbers, not strings: "10" sorts before "9")' },
  { name: 'nine nodes need five', term: 2, log: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], commit: 0, matchIndexes: [11, 11, 10, 10, 9, 2, 1, 1, 0], expect: 9, why: 'a majority of 9 is 5: indexes 11, 11, 10, 10, 9 are the five highest, so 9 is on five nodes' },
  { name: 'nothing new', term: 2, log: [2, 2, 2], commit: 3, matchIndexes: [3, 3, 3], expect: 3, why: 'everything is committed already' },
];

/**
 * Figure 8 (c), directed through a real node with your commit rule: the leader of term 3 sees a
 * majority holding index 2 (term 2) but not its own no-op at 3. The election no-op hides this bug
 * in random runs, so it is checked head-on.
 */
function figure8CommitsOldEntry(): boolean {
  const cfg = { id: 1, voters: [1, 2, 3], electionTicks: 10, heartbeatTicks: 2, preVote: false, checkQuorum: false, maxEntriesPerMessage: 100, rng: new Prng(8) };
  const n = new RaftNode(cfg, withHooks({ commitRule }), { hardState: { term: 2, vote: null, commit: 0 }, snapshot: null, entries: [entry(1, 1), entry(2, 2)] });
  for (let i = 0; i < 40 && n.role() !== 'candidate'; i++) n.step({ kind: 'tick' });
  n.step({ kind: 'message', message: { type: 'RequestVoteResponse', from: 2, to: 1, term: 3, preVote: false, voteGranted: true } });
  n.step({ kind: 'message', message: { type: 'AppendEntriesResponse', from: 2, to: 1, term: 3, success: true, matchIndex: 2, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 } });
  return n.commitIndex() >= 2;
}

stage('consistency-check', () => {
  test('AppendEntries rule 2: accept only when prevLogIndex/prevLogTerm match', () => runCases(CONSISTENCY));

  // Figure 2, rule 2 on generated logs: heartbeats and probes whose prevLogTerm is higher or lower than ours.
  forSeeds('generated logs and requests: accept exactly when prevLogIndex/prevLogTerm match (Figure 2, rule 2)', GENERATED_SEEDS, (seed) =>
    appendProperty('accept or reject', seed, (o) => ('invalid' in o ? o : 'rejected' in o ? 'reject' : 'accept')));

  // Cluster sizes from the seed, even and odd (2–7 nodes: 5, 4, 3, 6, 2, 7); the first ⌈n/2⌉ + 1 nodes (all of a 2- or 3-node cluster) run your code.
  forSeeds('mixed cluster under crashes, partitions and loss: logs match, committed entries survive', [1, 2, 3, 4, 6, 7], (seed) => {
    const nodes = [5, 4, 3, 6, 5, 2, 7][seed - 1]!;
    const yours = Math.min(nodes, Math.ceil(nodes / 2) + 1);
    const watch = new Watch();
    const hooks = watch.hooks({ appendEntries, commitRule });
    const w = storm(seed, (id) => (id <= yours ? hooks : {}), UNRELIABLE, { nodes, rounds: 40 });
    traced(w, seed, () => {
      metric('rpcs', w.cluster.rpcCount());
      expectSafe(w, seed, `under churn (${nodes} nodes, ${yours === nodes ? 'all yours' : `nodes 1–${yours} yours, the rest reference`})`, watch);
    });
  });
});

stage('conflicts', () => {
  test('AppendEntries rule 3: truncate only from a real conflict', () => runCases(CONFLICTS));

  // Figure 2, rules 3–4 on generated logs: the log your decision leaves and the matchIndex it acknowledges.
  forSeeds('generated logs and requests: the log after an accepted AppendEntries and its matchIndex (rules 3–4)', GENERATED_SEEDS, (seed) =>
    appendProperty('log and matchIndex after the decision', seed, (o) => ('log' in o ? { log: o.log, matchIndex: o.matchIndex } : 'rejected' in o ? 'reject' : o)));

  forSeeds('stale, duplicated and reordered AppendEntries never shrink the log', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], (seed) => {
    const rng = new Prng(seed).fork('reorder');
    // The leader's log: 40 entries, terms non-decreasing.
    const leaderLog: Entry[] = [];
    let term = 1;
    for (let i = 1; i <= 40; i++) {
      if (rng.chance(150)) term++;
      leaderLog.push(entry(i, term));
    }
    const cfg = { id: 1, voters: [1, 2, 3], electionTicks: 1000, heartbeatTicks: 2, preVote: false, checkQuorum: false, maxEntriesPerMessage: 100, rng: new Prng(seed) };
    const follower = new RaftNode(cfg, withHooks({ appendEntries }), { hardState: { term, vote: null, commit: 0 }, snapshot: null, entries: [] });
    let longest = 0;
    const delivered: { prevLogIndex: number; entries: number; lengthAfter: number }[] = [];
    // The deliveries (last 150) with the follower's log length after each, reported if the test fails.
    const report = () => attachTrace({ kind: 'append-entries-deliveries', seed, leaderLogTerms: leaderLog.map((e) => e.term), delivered: delivered.slice(-150) });
    for (let step = 0; step < 120; step++) {
      // A window the leader sent at some point, delivered late or twice.
      const reach = Math.min(40, longest + rng.range(1, 6));
      const from = rng.range(0, reach - 1);
      const to = rng.range(from, reach);
      const msg: AppendEntries = { type: 'AppendEntries', from: 2, to: 1, term, prevLogIndex: from, prevLogTerm: from === 0 ? 0 : leaderLog[from - 1]!.term, entries: leaderLog.slice(from, to), leaderCommit: 0, round: 0 };
      const before = follower.log().lastIndex();
      follower.step({ kind: 'message', message: msg });
      const log = follower.log();
      const after = log.lastIndex();
      delivered.push({ prevLogIndex: from, entries: to - from, lengthAfter: after });
      const mine = log.slice(1, after + 1).map((e) => e.term);
      const prefix = leaderLog.slice(0, after).map((e) => e.term);
      if (show(mine) !== show(prefix)) report();
      if (show(mine) !== show(prefix)) return fail(`after AppendEntries(prevLogIndex ${from}, ${to - from} entries) the follower's log ${show(mine)} is no longer a prefix of the leader's (seed ${seed}). All requests come from one leader, so nothing may conflict.`);
      if (after < before) report();
      if (after < before) return fail(`a late AppendEntries (prevLogIndex ${from}, entries ${from + 1}–${to}) shrank the follower's log from ${before} to ${after} entries (seed ${seed}). Requests arrive late, twice and out of order: delete entries only when an entry conflicts (same index, different term), never just because they come after the request's entries (rule 3).`);
      longest = Math.max(longest, after);
    }
    metric('finalLength', longest);
    report();
    check(longest >= 20, `the follower accepted only ${longest} of 40 entries (seed ${seed}).`);
  });

  forSeeds('agreement on a lossy, reordering network with your nodes only', [1, 2, 3, 4, 5], (seed) => {
    const watch = new Watch();
    const hooks = watch.hooks({ appendEntries, commitRule });
    const w = new World({ nodes: 5, seed, network: UNRELIABLE_REORDERING, hooksFor: () => hooks });
    const c = w.cluster;
    traced(w, seed, () => {
      if (w.awaitLeader(10_000) === null) return fail(`no leader (seed ${seed}).`);
      for (let i = 0; i < 15; i++) if (w.one(`x${i}`, 5, 10_000) === null) break;
      metric('rpcs', c.rpcCount());
      expectSafe(w, seed, 'with duplicated and reordered messages', watch);
    });
  });
});

stage('fast-backoff', () => {
  test('rejections carry the conflict hint', () => runCases(BACKOFF));

  // Raft §5.3 (the fast back-off hint) on generated logs, multi-term tails on both sides.
  forSeeds('generated logs and requests: the conflictTerm/conflictIndex hint of a rejection (§5.3)', GENERATED_SEEDS, (seed) =>
    appendProperty('rejection hint', seed, (o) => ('rejected' in o ? o : 'log' in o ? 'accept' : o)));

  forSeeds('a diverged and a lagging follower catch up in a few round trips', [1, 2, 3, 4, 5, 6], (seed) => {
    const watch = new Watch();
    const hooks = watch.hooks({ appendEntries, commitRule });
    const w = new World({ nodes: 5, seed, network: RELIABLE, hooksFor: () => hooks });
    const c = w.cluster;
    traced(w, seed, () => {
      const l1 = w.awaitLeader(5000);
      if (l1 === null) return fail(`no leader (seed ${seed}).`);
      w.one('start', 5);
      // The old leader and one follower are cut off; the old leader appends 50 entries that will never commit.
      const f1 = c.ids.find((id) => id !== l1)!;
      const rest = c.ids.filter((id) => id !== l1 && id !== f1);
      c.partition([[l1, f1], rest]);
      for (let i = 0; i < 50; i++) c.propose(`lost-${i}`, l1);
      c.runForMs(200);
      const l2 = w.awaitLeader(5000, rest);
      if (l2 === null) return fail(`the majority elected no leader (seed ${seed}).`);
      for (let i = 0; i < 50; i++) c.propose(`kept-${i}`, l2);
      c.runUntil(() => rest.every((id) => c.appliedIndex(id) >= c.node(l2)!.log().lastIndex()), 5000);
      // Heal: the two diverged nodes must replace 50 uncommitted entries with the leader's.
      const firstEvent = c.traceEvents().length;
      c.heal();
      const target = () => c.node(c.leader() ?? l2)!.log();
      const caughtUp = c.runUntil(() => c.ids.every((id) => c.node(id)!.log().lastIndex() === target().lastIndex() && c.node(id)!.log().lastTerm() === target().lastTerm()), 5000);
      let rejections = 0;
      for (const e of c.traceEvents().slice(firstEvent)) if (e.k === 'send' && e.type === 'AppendEntriesResponse' && e.ok === false && (e.from === l1 || e.from === f1)) rejections++;
      metric('rejections', rejections);
      if (!caughtUp) return fail(`the two diverged followers did not catch up within 5 s of healing (seed ${seed}).`);
      check(rejections <= 8, `the two diverged followers needed ${rejections} rejected AppendEntries to find where their logs match the leader's (budget 8, seed ${seed}). With conflictTerm and conflictIndex the leader skips a whole term per round trip. ${adviceFrom(watch, 'Every decision of yours agreed with the rules in this run.')}`);
      // A follower that was down while 60 entries were committed.
      const l3 = c.leader()!;
      const sleeper = c.ids.find((id) => id !== l3)!;
      c.crash(sleeper);
      for (let i = 0; i < 60; i++) c.propose(`more-${i}`, l3);
      c.runForMs(300);
      const mark = c.traceEvents().length;
      c.restart(sleeper);
      const ok = c.runUntil(() => c.node(sleeper)!.log().lastIndex() === c.node(l3)!.log().lastIndex(), 5000);
      let lagRejections = 0;
      for (const e of c.traceEvents().slice(mark)) if (e.k === 'send' && e.type === 'AppendEntriesResponse' && e.ok === false && e.from === sleeper) lagRejections++;
      metric('lagRejections', lagRejections);
      if (!ok) return fail(`a follower restarted after missing 60 entries did not catch up within 5 s (seed ${seed}).`);
      check(lagRejections <= 4, `a follower that missed 60 entries rejected ${lagRejections} AppendEntries before catching up (budget 4, seed ${seed}): when the log is too short, the hint conflictTerm null and conflictIndex = lastIndex + 1 lets the leader jump straight there. ${adviceFrom(watch, 'Every decision of yours agreed with the rules in this run.')}`);
      expectSafe(w, seed, 'while followers caught up', watch);
    });
  });
});

stage('commit', () => {
  test('follower commitIndex: min(leaderCommit, last new entry), never backwards', () => runCases(FOLLOWER_COMMIT));

  // Figure 2, rule 5 on generated logs: stale and fresh leaderCommit, heartbeats over conflicting tails.
  forSeeds('generated logs and requests: the follower\'s commitIndex (rule 5)', GENERATED_SEEDS, (seed) =>
    appendProperty('follower commitIndex', seed, (o) => ('log' in o ? { commitIndex: o.commitIndex } : 'rejected' in o ? 'reject' : o)));

  // §5.3, §5.4.2 (Figure 8) on generated leaders: clusters of 1–9 voters, multi-term logs, indexes past 9.
  forSeeds('generated leaders: the commit rule on clusters of 1 to 9 voters (§5.3, §5.4.2)', GENERATED_SEEDS, (seed) =>
    property(
      'leader commitIndex',
      commitCase,
      (c) => {
        const want = referenceCommit(c);
        const got = commitOf(commitRule, c);
        if (got !== want && !(want === c.commit && typeof got === 'number' && got <= c.commit)) throw new Error(`your commitRule returned ${String(got)}; it should be ${want} (the highest index N > commitIndex stored on a strict majority of the ${c.matchIndexes.length} matchIndexes whose entry has the current term, or commitIndex if none)`);
      },
      { seed, numRuns: 300, describeCase: describeCommit },
    ));

  test('leader commit rule: majority and current term (§5.3, §5.4.2)', () => {
    for (const c of COMMIT) {
      const problem = judgeCommit(commitRule, c);
      if (problem !== null) return fail(problem);
    }
  });

  test('Figure 8 through a real node: no old-term entry committed by counting', () => {
    check(!figure8CommitsOldEntry(), 'a new leader of term 3 committed index 2 (term 2) because a majority stored it, before any entry of term 3 was on a majority. Figure 8 shows how a later leader can still overwrite such an entry: count replicas only for entries of the current term (§5.4.2).');
  });

  /**
   * MIT 6.5840 TestCount (2B/3B "RPC counts aren't too high"): in a quiet, reliable cluster an
   * agreement costs one AppendEntries per follower to carry the entry and one more (the next
   * heartbeat) to carry the new commitIndex (Raft §5.3). Acknowledge less than you verified and
   * every agreement waits for an extra heartbeat round. Counted over ten agreements made one after
   * another (pipelined bursts reorder on the jittery network, so their count says little about
   * your code; the concurrent-proposals test below covers bursts). Cluster sizes 3, 4, 5 from the seed.
   */
  forSeeds('RPCs per agreement in a quiet cluster stay bounded (like MIT TestCount, §5.3)', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    const nodes = [3, 4, 5][seed % 3]!;
    const watch = new Watch();
    const hooks = watch.hooks({ appendEntries, commitRule });
    const w = new World({ nodes, seed, network: RELIABLE, hooksFor: () => hooks });
    const c = w.cluster;
    traced(w, seed, () => {
      const leader = w.awaitLeader(5000);
      if (leader === null) return fail(`no leader (seed ${seed}).`);
      if (w.one('warm-up', nodes, 5000) === null) return fail(`a quiet ${nodes}-node cluster could not commit one value on every node within 5 s (seed ${seed}). ${adviceFrom(watch, '')}`);
      const term = c.node(leader)!.term();
      const peers = nodes - 1;
      // Ten agreements one after another, each waited for on every node.
      const before = c.rpcCount();
      for (let i = 0; i < 10; i++) if (w.one(`seq-${i}`, nodes, 5000) === null) return fail(`agreement ${i + 1} of 10 did not reach all ${nodes} nodes within 5 s (seed ${seed}). ${adviceFrom(watch, '')}`);
      const sequential = c.rpcCount() - before;
      metric('rpcsPerAgreement', sequential / 10);
      if (c.node(leader)?.term() !== term) return fail(`the term changed in a quiet, reliable cluster (seed ${seed}); nothing here should start an election.`);
      // The entry goes out once per follower and the next heartbeat carries the commit: 2 per follower; budget 2.5.
      const budget = 25 * peers;
      check(sequential <= budget, `ten agreements one after another cost ${sequential} RPCs on ${nodes} nodes (budget ${budget}, i.e. 2.5 AppendEntries per follower per agreement; seed ${seed}). An agreement needs one AppendEntries per follower to carry the entry and the next heartbeat to carry the new commitIndex; each extra heartbeat round it waits for costs ${peers} more. Acknowledge matchIndex = prevLogIndex + entries.length (everything this request verified, Figure 2), so the leader can count the entry at once (§5.3). ${adviceFrom(watch, 'Every decision of yours agreed with the rules in this run.')}`);
      expectSafe(w, seed, 'in a quiet cluster', watch);
    });
  });

  /**
   * MIT 6.5840 TestConcurrentStarts: several proposals made in the same instant, in one term,
   * right after an election, all commit, each at its own index, in the order proposed (Raft §5.3:
   * the leader appends each to its log; §5.4.2: they commit once a current-term entry is on a
   * majority). The engine batches them into one AppendEntries per follower, so a follower must
   * acknowledge the whole batch and the leader commit the whole majority-stored prefix at once.
   */
  forSeeds('concurrent proposals in one term all commit at distinct indexes (like MIT TestConcurrentStarts)', [1, 2, 3, 4, 5, 6], (seed) => {
    const nodes = seed % 2 === 0 ? 4 : 3;
    const watch = new Watch();
    const hooks = watch.hooks({ appendEntries, commitRule });
    const w = new World({ nodes, seed, network: RELIABLE, hooksFor: () => hooks });
    const c = w.cluster;
    traced(w, seed, () => {
      c.runUntil(() => c.leader() !== null, 5000);
      const leader = c.leader();
      if (leader === null) return fail(`no leader (seed ${seed}).`);
      const term = c.node(leader)!.term();
      const values = [1, 2, 3, 4, 5].map((k) => `start-${seed}-${k}`);
      const at = values.map((v) => c.propose(v, leader));
      if (at.some((p) => p === null || p.term !== term)) return fail(`(scenario) leader ${leader} refused a proposal (seed ${seed}).`);
      const indexes = at.map((p) => p!.index);
      check(new Set(indexes).size === indexes.length, `five proposals got indexes [${indexes.join(',')}]: each must have its own (seed ${seed}).`);
      const t0 = c.nowMs();
      const last = Math.max(...indexes);
      // One round trip for the batch, then the next heartbeat (every 100 ms) carries the commit: 150 ms with slack.
      const ok = c.runUntil(() => c.ids.every((id) => c.appliedIndex(id) >= last), 150);
      metric('commitMs', c.nowMs() - t0);
      if (c.node(leader)?.term() !== term) return fail(`the term changed in a quiet, reliable cluster (seed ${seed}).`);
      check(ok, `five proposals made at once at indexes ${indexes[0]}–${last} were not applied on all ${nodes} nodes within 150 ms (one heartbeat interval and a round trip) (${c.ids.map((id) => `node ${id} applied ${c.appliedIndex(id)}`).join(', ')}; seed ${seed}). They travel together in one AppendEntries: acknowledge every entry it carried (matchIndex = prevLogIndex + entries.length) and commit the highest index a majority stores, not one index per acknowledgement (§5.3). ${adviceFrom(watch, 'Every decision of yours agreed with the rules in this run.')}`);
      for (let k = 0; k < values.length; k++) {
        const got = w.checker.appliedPayloadAt(indexes[k]!);
        check(got === JSON.stringify(values[k]), `index ${indexes[k]} holds ${got} after commit, not proposal ${k + 1} ${JSON.stringify(values[k])} (seed ${seed}).`);
      }
      expectSafe(w, seed, 'with concurrent proposals', watch);
    });
  });

  forSeeds('agreement despite leader crashes (nodes 1–3 yours)', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (seed) => {
    const watch = new Watch();
    const hooks = watch.hooks({ appendEntries, commitRule });
    const w = new World({ nodes: 5, seed, network: seed % 2 === 0 ? UNRELIABLE : RELIABLE, hooksFor: (id) => (id <= 3 ? hooks : {}) });
    const c = w.cluster;
    const rng = new Prng(seed).fork('crashes');
    traced(w, seed, () => {
      if (w.awaitLeader(5000) === null) return fail(`no leader (seed ${seed}).`);
      for (let round = 0; round < 8; round++) {
        const l = c.leader();
        if (l !== null) for (let k = 0; k < 3; k++) c.propose(rng.int(1000), l);
        c.runForMs(rng.range(5, 60));
        const l2 = c.leader();
        if (l2 !== null && rng.chance(600)) c.crash(l2);
        if (c.ids.filter((id) => c.isUp(id)).length < 4) for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
      }
      for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
      const idx = w.one('final', 5, 10_000);
      check(idx !== null, `the cluster could not commit a final value on all 5 nodes within 10 s (seed ${seed}).`);
      expectSafe(w, seed, 'across leader crashes', watch);
    });
  });
});
