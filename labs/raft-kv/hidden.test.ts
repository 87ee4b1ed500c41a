import { expect, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { CLIENT_ID_BASE } from '../../engine/raft/kv/kv-service';
import { UNRELIABLE } from '../../engine/sim/network-profile';
import { fc, property } from '../../grader/harness/property';
import { kvWorld, storm } from './kv-harness';
import { describeProgram, program, runProgram } from './hidden-programs';
import { staleLeaderRead } from './hidden-scenarios';
import { KvStore, planGet } from './solution';
import { append, command, get, gradedRun, noOp, put } from './support';
import type { GetPlan, ServerView } from './api';

const referencePlan = (server: ServerView): GetPlan => (server.role === 'leader' ? 'read-index' : 'redirect');

stage('apply', () => {
  test('put, append and get in log order', () => {
    const s = new KvStore();
    expect(s.apply(command(1, 1, put('k', 'a'))), 'put → null').toBe(null);
    expect(s.apply(command(1, 2, append('k', 'b'))), 'append → null').toBe(null);
    expect(s.apply(noOp()), 'a no-op entry → null').toBe(null);
    expect(s.apply(command(2, 1, get('k'))), 'get(k) after put a, append b').toBe('ab');
    expect(s.apply(command(2, 2, get('missing'))), 'get of a missing key').toBe('');
    expect(s.apply(command(1, 3, put('k', 'c'))), 'put → null').toBe(null);
    expect(s.get('k'), 'store.get(k) after put c').toBe('c');
  });
});

stage('dedup', () => {
  test('a retried command is applied once and answered with its first result', () => {
    const s = new KvStore();
    s.apply(command(1, 1, put('k', 'v1')));
    expect(s.apply(command(2, 1, get('k'))), 'client 2 seq 1: get(k)').toBe('v1');
    s.apply(command(1, 2, put('k', 'v2')));
    expect(
      s.apply(command(2, 1, get('k'))),
      'client 2 retried seq 1 (its reply was lost) after client 1 wrote v2; the retry must get the first answer, v1, not a fresh read and not null',
    ).toBe('v1');
    s.apply(command(3, 1, append('k', '+')));
    s.apply(command(3, 1, append('k', '+')));
    expect(s.get('k'), 'value after client 3 seq 1 append(+) was committed twice').toBe('v2+');
  });

  test('a late duplicate of an older command changes nothing', () => {
    const s = new KvStore();
    s.apply(command(1, 1, append('k', 'a')));
    s.apply(command(1, 2, append('k', 'b')));
    s.apply(command(1, 1, append('k', 'a')));
    expect(s.get('k'), 'after client 1 appended a (seq 1), b (seq 2), then a late copy of seq 1 committed').toBe('ab');
  });

  // Raft §6.3: generated logs (several clients, retries, late duplicates, no-ops) applied by 2 or 3 of your stores at once.
  forSeeds('your store answers like the reference on generated logs (2–3 servers at once)', [21, 22], (seed) =>
    property('apply and get on every server', program(false), (p) => runProgram(p, () => new KvStore()), { seed, numRuns: 100, describeCase: describeProgram }),
  );

  forSeeds('exactly once on a lossy, partitioned network', [3, 4, 5], (seed) => {
    const w = kvWorld({ seed, newStore: () => new KvStore(), planFor: () => planGet, clients: 5, network: UNRELIABLE });
    const r = gradedRun({ seed, ...w }, 'lossy network with partitions', () => storm(w, seed, { partitions: true, crashes: false, stormMs: 2000, calmMs: 1000 }, 5));
    metric('operations', r.ops);
    metric('rpcs', w.cluster.rpcCount());
  });
});

stage('snapshot', () => {
  test('sessions survive snapshot and restore', () => {
    const s = new KvStore();
    s.apply(command(1, 1, append('k', 'a')));
    s.apply(command(2, 1, get('k')));
    const snap = JSON.parse(JSON.stringify(s.snapshot()));
    const t = new KvStore();
    t.restore(snap);
    t.apply(command(1, 1, append('k', 'a')));
    expect(t.get('k'), 'a server restored from the snapshot, then the retry of client 1 seq 1 append(a) committed').toBe('a');
    expect(t.apply(command(2, 1, get('k'))), 'the retry of client 2 seq 1 get(k) on the restored server').toBe('a');
  });

  test('a snapshot is a copy, not a live view', () => {
    const s = new KvStore();
    s.apply(command(1, 1, put('k', 'old')));
    const snap = s.snapshot();
    const before = JSON.stringify(snap);
    s.apply(command(1, 2, put('k', 'new')));
    expect(JSON.stringify(snap), 'the snapshot taken before put(k, new), read after it').toBe(before);
  });

  // Raft §6.3 and §7: the sessions are part of the snapshot; a restart or InstallSnapshot (newer or older than the
  // server's state) replaces the whole state, and the entries after the snapshot are applied on top of it.
  forSeeds('snapshots and restores on generated logs match the reference (2–3 servers at once)', [23, 24], (seed) =>
    property('apply, snapshot, restore and get on every server', program(true), (p) => runProgram(p, () => new KvStore()), { seed, numRuns: 100, describeCase: describeProgram }),
  );

  forSeeds('crashes, restarts and InstallSnapshot on a lossy network', [7, 8, 9, 10], (seed) => {
    const w = kvWorld({ seed, newStore: () => new KvStore(), planFor: () => planGet, clients: 5, network: UNRELIABLE, snapshotEveryEntries: 8 });
    const r = gradedRun({ seed, ...w }, 'crashes and snapshots', () => storm(w, seed, { partitions: true, crashes: true, stormMs: 2000, calmMs: 1000 }, 5));
    metric('operations', r.ops);
  });

  /**
   * MIT 6.5840 kvraft's persistence tests (TestPersistOneClient, TestPersistConcurrent: every server
   * crashes and restarts from what it persisted): a whole cluster restarts twice in a row from disk
   * only (snapshot + log, Raft §7), with clients writing before each crash. The KV state and the
   * sessions must come back from your snapshot() and restore() plus the log after it: gets after
   * each restart see every completed write (checked for linearizability), and new writes complete.
   */
  forSeeds('two whole-cluster restarts in a row: the KV state survives and the service makes progress', [31, 32, 33, 34], (seed) => {
    const nodes = seed % 2 === 0 ? 5 : 3;
    const w = kvWorld({ seed, nodes, newStore: () => new KvStore(), planFor: () => planGet, clients: 3, snapshotEveryEntries: seed <= 32 ? 5 : 9 });
    const c = w.cluster;
    const keys = ['a', 'b', 'c'];
    const stateOf = (id: number) => keys.map((k) => (c.stateMachine(id) as unknown as KvStore).get(k));
    const show = (values: readonly string[]) => keys.map((k, i) => `${k}=${JSON.stringify(values[i])}`).join(', ');
    gradedRun({ seed, ...w }, 'two whole-cluster restarts', () => {
      for (let round = 1; round <= 2; round++) {
        w.kv.runClosedLoop({ keys, untilMs: c.nowMs() + 800, thinkMsMax: 20, getPerMille: 200, putPerMille: 300 });
        c.runForMs(800);
        if (!w.world.expect(c.runUntil(() => w.kv.allIdle(), 10_000), `before restart ${round}: clients still waiting on a healthy cluster`)) return;
        const leader = c.leader();
        if (!w.world.expect(leader !== null && c.runUntil(() => c.ids.every((id) => c.appliedIndex(id) >= c.node(leader)!.commitIndex()), 2000), `before restart ${round}: not every server applied the committed log`)) return;
        const before = stateOf(leader!);
        for (const id of c.ids) c.crash(id);
        for (const id of c.ids) c.restart(id);
        // One get per key through the service: each must complete and see every write completed before the crash.
        keys.forEach((key, i) => w.kv.submit(i, { type: 'get', key }));
        if (!w.world.expect(c.runUntil(() => w.kv.allIdle(), 10_000), `after whole-cluster restart ${round} of 2 (${nodes} servers), gets did not complete within 10 s`)) return;
        const l2 = c.leader();
        if (l2 !== null && c.runUntil(() => c.appliedIndex(l2) >= c.node(l2)!.commitIndex(), 2000)) {
          const after = stateOf(l2);
          w.world.expect(JSON.stringify(after) === JSON.stringify(before), `after whole-cluster restart ${round} of 2 (${nodes} servers), leader ${l2} holds ${show(after)}, but before the crash the state was ${show(before)}: restore(snapshot) must rebuild exactly the state snapshot() captured (keys and sessions), and the entries after the snapshot are applied on top of it once more (Raft §7)`);
        }
      }
      // Progress after the second restart.
      keys.forEach((key, i) => w.kv.submit(i, { type: 'append', key, value: `${i}.end;` }));
      w.world.expect(c.runUntil(() => w.kv.allIdle(), 10_000), 'after the second restart, new appends did not complete within 10 s');
    });
  });

  /**
   * MIT 6.5840 TestSnapshotSize: with log compaction on, what a server persists (snapshot + the log
   * after it) stays bounded however many operations run: the snapshot holds the current state (the
   * keys and one session per client, Raft §6.3 and §7), not a history of every request.
   */
  forSeeds('what a server persists stays bounded as operations grow (snapshot + log, like MIT TestSnapshotSize)', [41, 42, 43], (seed) => {
    const every = 10;
    const w = kvWorld({ seed, nodes: 3, newStore: () => new KvStore(), planFor: () => planGet, clients: 3, snapshotEveryEntries: every });
    const c = w.cluster;
    const sizes: number[] = [];
    let worst = { chars: 0, entries: 0, ops: 0 };
    gradedRun({ seed, ...w }, 'bounded snapshots', () => {
      // Puts and gets only (no appends), so the values themselves do not grow.
      w.kv.runClosedLoop({ keys: ['a', 'b', 'c'], untilMs: 6000, thinkMsMax: 5, getPerMille: 300, putPerMille: 700 });
      for (let t = 0; t < 6; t++) {
        c.runForMs(1000);
        let chars = 0;
        for (const id of c.ids) {
          const d = c.disk(id);
          chars = Math.max(chars, JSON.stringify(d.snapshot()?.data ?? null).length);
          worst.entries = Math.max(worst.entries, d.lastIndex() - d.snapshotIndex());
        }
        sizes.push(chars);
        if (chars > worst.chars) worst = { ...worst, chars, ops: w.kv.history.operations().length };
      }
      c.runUntil(() => w.kv.allIdle(), 10_000);
    });
    metric('operations', w.kv.history.operations().length);
    metric('snapshotChars', worst.chars);
    const bound = 1500;
    expect(worst.chars <= bound, `a stored snapshot grew to ${worst.chars} characters of JSON (bound ${bound}; the largest each second: ${sizes.join(', ')}) after ${worst.ops} operations on 3 keys by 3 clients (seed ${seed}). The snapshot must hold the current state, the keys and one session per client (its last seq and that result, Raft §6.3), not a record of every request: a dedup table that remembers every (client, seq) grows without bound, and so does everything a server persists and sends in InstallSnapshot.`).toBe(true);
    expect(worst.entries <= 4 * every, `a server kept ${worst.entries} log entries after its snapshot (compaction every ${every} applied entries, seed ${seed}).`).toBe(true);
  });
});

stage('reads', () => {
  /**
   * MIT 6.5840 kvraft TestOnePartition: clients that can reach only a minority of the servers make
   * no progress. Their put cannot commit (Raft §5.3: an entry commits on a majority) and their get
   * must not be answered from a minority server's state (§6.4, §8); both complete once the partition
   * heals. The stuck clients are in the minority's partition group, so they cannot reach the
   * majority; a third client keeps writing through the majority meanwhile. Sizes 5, 3, 4 and 5.
   */
  forSeeds('a client stuck in a minority gets no answer until the partition heals (like MIT TestOnePartition)', [51, 52, 53, 54], (seed) => {
    const nodes = [5, 3, 4, 5][seed - 51]!;
    const w = kvWorld({ seed, nodes, newStore: () => new KvStore(), planFor: () => planGet, clients: 3 });
    const c = w.cluster;
    gradedRun({ seed, ...w }, 'no progress in a minority', () => {
      const leader = w.world.awaitLeader(5000);
      if (!w.world.expect(leader !== null, 'no leader elected within 5 s')) return;
      w.kv.pointAt(0, leader!);
      w.kv.submit(0, { type: 'put', key: 'k', value: 'v0' });
      if (!w.world.expect(c.runUntil(() => w.kv.isIdle(0), 3000), 'put(k, v0) did not complete on a healthy cluster')) return;
      c.runForMs(300);
      const minority = c.ids.filter((id) => id !== leader).slice(0, Math.floor((nodes - 1) / 2));
      const majority = c.ids.filter((id) => !minority.includes(id));
      c.partition([[...minority, CLIENT_ID_BASE + 1, CLIENT_ID_BASE + 2], majority]);
      w.kv.pointAt(1, minority[0]!);
      w.kv.pointAt(2, minority[minority.length - 1]!);
      w.kv.submit(1, { type: 'put', key: 'k', value: 'minority' });
      w.kv.submit(2, { type: 'get', key: 'k' });
      w.kv.submit(0, { type: 'put', key: 'k', value: 'majority' });
      w.world.expect(c.runUntil(() => w.kv.isIdle(0), 5000), `put(k, majority) through the majority ${majority.join(',')} did not complete within 5 s`);
      c.runForMs(1500);
      const where = `servers ${minority.join(',')} of ${nodes} cut off with clients 1 and 2`;
      w.world.expect(!w.kv.isIdle(1), `a put sent only to the minority (${where}) completed before the partition healed: nothing commits without a majority (Raft §5.3)`);
      w.world.expect(!w.kv.isIdle(2), `a get sent only to the minority (${where}) was answered before the partition healed: a minority server's state may be stale (the majority wrote "majority" meanwhile). Only a leader that confirms it still leads (ReadIndex, Raft §6.4) or the log may answer a get`);
      c.heal();
      w.world.expect(c.runUntil(() => w.kv.allIdle(), 10_000), 'after the partition healed, the minority clients\' put and get did not complete within 10 s');
    });
  });

  // Raft §6.4 and §8: only a leader that confirms it still leads (ReadIndex) or orders the get in the log may
  // answer; local state can be stale on any server. Generated views: every role, with or without a known leader.
  forSeeds('planGet never answers from local state, and a leader serves the get (generated server views)', [26, 27], (seed) =>
    property(
      'planGet(server)',
      fc
        .record({
          id: fc.integer({ min: 1, max: 9 }),
          role: fc.constantFrom<ServerView['role']>('follower', 'pre-candidate', 'candidate', 'leader'),
          term: fc.integer({ min: 1, max: 30 }),
          other: fc.integer({ min: 1, max: 9 }),
          knowsLeader: fc.boolean(),
          commitIndex: fc.integer({ min: 0, max: 60 }),
          lag: fc.constantFrom(0, 0, 1, 3),
        })
        .map((g): ServerView => ({
          id: g.id,
          role: g.role,
          term: g.term,
          leaderId: g.role === 'leader' ? g.id : g.role === 'follower' && g.knowsLeader && g.other !== g.id ? g.other : null,
          commitIndex: g.commitIndex,
          appliedIndex: Math.max(0, g.commitIndex - g.lag),
        })),
      (view) => {
        const plan = planGet({ ...view });
        const shown = `planGet(${JSON.stringify(view)}) = ${JSON.stringify(plan)}`;
        expect(['read-index', 'log', 'local', 'redirect'].includes(plan), `${shown}: a plan is 'read-index', 'log', 'local' or 'redirect'`).toBe(true);
        expect(plan !== 'local', `${shown}: local state can be stale. ${view.role === 'leader' ? 'Without CheckQuorum a leader cut off in a minority still believes it leads, while a new leader commits newer writes: confirm leadership first (ReadIndex) or put the get through the log.' : 'A server that is not the leader may lag behind the commit point, or follow a deposed leader: send the client on.'}`).toBe(true);
        if (view.role === 'leader') expect(plan !== 'redirect', `${shown}: the leader must serve the get (ReadIndex or the log); redirecting from the leader sends the client around in circles and no get completes.`).toBe(true);
      },
      { seed, numRuns: 300 },
    ),
  );

  // Raft §6.4 on clusters of 3 to 7 servers (even and odd): the deposed leader is alone in its minority.
  forSeeds('a leader cut off in a minority must not answer a get with the old value', [11, 12, 13, 14, 15], (seed) => {
    const w = kvWorld({ seed, nodes: seed - 8, newStore: () => new KvStore(), planFor: () => planGet, clients: 2 });
    gradedRun({ seed, ...w }, 'stale leader read', () => staleLeaderRead(w));
  });

  forSeeds('partitions with reads: nodes 1–3 use your read path, the others the reference one (5 and 4 servers)', [14, 15], (seed) => {
    const w = kvWorld({ seed, nodes: seed === 14 ? 5 : 4, newStore: () => new KvStore(), planFor: (id) => (id <= 3 ? planGet : referencePlan), clients: 5 });
    gradedRun({ seed, ...w }, 'partitions, mixed read paths', () => storm(w, seed, { partitions: true, crashes: false, stormMs: 2000, calmMs: 1000 }, 5));
  });

  forSeeds('gets through the log on a lossy network with crashes', [17, 18], (seed) => {
    const w = kvWorld({ seed, newStore: () => new KvStore(), planFor: () => planGet, clients: 5, network: UNRELIABLE, logReads: true, snapshotEveryEntries: 8 });
    gradedRun({ seed, ...w }, 'log reads', () => storm(w, seed, { partitions: true, crashes: true, stormMs: 2000, calmMs: 1000 }, 5));
  });
});
