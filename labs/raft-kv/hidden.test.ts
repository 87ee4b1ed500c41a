import { expect, forSeeds, metric, stage, test } from '../../grader/harness/api';
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
});

stage('reads', () => {
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
