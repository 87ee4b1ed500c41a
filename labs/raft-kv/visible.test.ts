import { expect, forSeeds, stage, test } from '../../grader/harness/api';
import { kvWorld, storm } from './kv-harness';
import { KvStore, planGet } from './solution';
import { append, command, get, gradedRun, noOp, put } from './support';

stage('apply', () => {
  test('put, append and get in log order', () => {
    const s = new KvStore();
    expect(s.apply(command(1, 1, put('k', 'a'))), 'put → null').toBe(null);
    expect(s.apply(command(1, 2, append('k', 'b'))), 'append → null').toBe(null);
    expect(s.apply(noOp()), 'a no-op entry → null').toBe(null);
    expect(s.apply(command(2, 1, get('k'))), 'get(k) after put a, append b').toBe('ab');
    expect(s.apply(command(2, 2, get('missing'))), 'get of a missing key').toBe('');
    expect(s.get('k'), 'store.get(k)').toBe('ab');
  });
});

stage('dedup', () => {
  test('an append retried right away is applied once', () => {
    const s = new KvStore();
    s.apply(command(1, 1, append('k', 'x')));
    s.apply(command(1, 1, append('k', 'x')));
    expect(s.get('k'), 'value after the same append (client 1, seq 1) was committed twice').toBe('x');
  });
});

stage('reads', () => {
  forSeeds('a quiet cluster serves linearizable gets', [1, 2], (seed) => {
    const w = kvWorld({ seed, newStore: () => new KvStore(), planFor: () => planGet, clients: 3 });
    gradedRun({ seed, ...w }, 'no faults', () => storm(w, seed, { partitions: false, crashes: false, stormMs: 1000, calmMs: 500 }, 3));
  });
});
