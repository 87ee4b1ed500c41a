import { expect, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { UNRELIABLE } from '../../engine/sim/network-profile';
import { kvWorld, storm } from './kv-harness';
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

  forSeeds('crashes, restarts and InstallSnapshot on a lossy network', [7, 8, 9, 10], (seed) => {
    const w = kvWorld({ seed, newStore: () => new KvStore(), planFor: () => planGet, clients: 5, network: UNRELIABLE, snapshotEveryEntries: 8 });
    const r = gradedRun({ seed, ...w }, 'crashes and snapshots', () => storm(w, seed, { partitions: true, crashes: true, stormMs: 2000, calmMs: 1000 }, 5));
    metric('operations', r.ops);
  });
});

stage('reads', () => {
  forSeeds('a leader cut off in a minority must not answer a get with the old value', [11, 12, 13], (seed) => {
    const w = kvWorld({ seed, newStore: () => new KvStore(), planFor: () => planGet, clients: 2 });
    gradedRun({ seed, ...w }, 'stale leader read', () => staleLeaderRead(w));
  });

  forSeeds('partitions with reads: nodes 1–3 use your read path, 4–5 the reference one', [14, 15], (seed) => {
    const w = kvWorld({ seed, newStore: () => new KvStore(), planFor: (id) => (id <= 3 ? planGet : referencePlan), clients: 5 });
    gradedRun({ seed, ...w }, 'partitions, mixed read paths', () => storm(w, seed, { partitions: true, crashes: false, stormMs: 2000, calmMs: 1000 }, 5));
  });

  forSeeds('gets through the log on a lossy network with crashes', [17, 18], (seed) => {
    const w = kvWorld({ seed, newStore: () => new KvStore(), planFor: () => planGet, clients: 5, network: UNRELIABLE, logReads: true, snapshotEveryEntries: 8 });
    gradedRun({ seed, ...w }, 'log reads', () => storm(w, seed, { partitions: true, crashes: true, stormMs: 2000, calmMs: 1000 }, 5));
  });
});
