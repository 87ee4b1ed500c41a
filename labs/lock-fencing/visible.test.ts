import { expect, fail, stage, test } from '../../grader/harness/api';
import { MapDisk } from '../../engine/locks/protocol';
import { redlockStory, runWorld, type Parts } from './scenarios';
import { FencedStorage, LockClient, LockServer } from './solution';

const parts: Parts = { server: LockServer, storage: FencedStorage, client: LockClient };

stage('fencing', () => {
  test("Kleppmann's example: after token 34 wrote, a late write with token 33 is refused", () => {
    const storage = new FencedStorage({ disk: new MapDisk() });
    expect(storage.write({ key: 'file', value: 'from B', token: 34 }), 'write with token 34').toEqual({ ok: true });
    expect(storage.write({ key: 'file', value: 'from A', token: 33 }), 'late write with token 33').toEqual({ ok: false, newestToken: 34 });
    expect(storage.write({ key: 'file', value: 'B again', token: 34 }), 'the holder writes again with 34').toEqual({ ok: true });
    expect(storage.write({ key: 'other', value: 'x', token: 1 }), 'another key has its own newest token').toEqual({ ok: true });
    expect(storage.read('file'), 'read("file")').toBe('B again');
  });

  test('the client helper carries its token and times the lease from the send', () => {
    let now = 1_000;
    const client = new LockClient('c1', { nowMs: () => now });
    expect(client.acquire('lock/x', 100), 'acquire request').toEqual({ lock: 'lock/x', client: 'c1', ttlMs: 100, sentAtMs: 1_000 });
    now = 1_040; // the grant arrives 40 ms after the request left
    client.granted({ ok: true, token: 7 });
    expect(client.write('k', 'v'), 'the write carries token 7').toEqual({ key: 'k', value: 'v', token: 7 });
    now = 1_099;
    expect(client.holds(), 'holds() at 1099 (sent at 1000, ttl 100)').toBe(true);
    now = 1_100;
    expect(client.holds(), 'holds() at 1100: the lease ran out 100 ms after the SEND').toBe(false);
    expect(client.release(), 'release request').toEqual({ lock: 'lock/x', client: 'c1', token: 7 });
    expect(client.release(), 'nothing left to release').toBe(null);
  });
});

stage('leases', () => {
  test("a lease runs out after ttlMs on the server's clock; the next grant gets the next token", () => {
    let now = 5_000;
    const server = new LockServer({ nowMs: () => now, disk: new MapDisk() });
    expect(server.acquire({ lock: 'L', client: 'a', ttlMs: 100, sentAtMs: 0 }), 'a acquires').toEqual({ ok: true, token: 1 });
    now = 5_099;
    expect(server.acquire({ lock: 'L', client: 'b', ttlMs: 100, sentAtMs: 0 }), 'b at 5099: still held').toEqual({ ok: false, reason: 'held' });
    now = 5_100;
    expect(server.acquire({ lock: 'L', client: 'b', ttlMs: 100, sentAtMs: 0 }), 'b at 5100: a has expired').toEqual({ ok: true, token: 2 });
    expect(server.renew({ lock: 'L', client: 'a', token: 1, ttlMs: 100, sentAtMs: 0 }), 'a renews its old lease').toEqual({ ok: false, reason: 'not-holder' });
  });

  test("a late release of an old lease does not free the new holder's lock", () => {
    let now = 0;
    const server = new LockServer({ nowMs: () => now, disk: new MapDisk() });
    server.acquire({ lock: 'L', client: 'a', ttlMs: 50, sentAtMs: 0 });
    now = 60;
    expect(server.acquire({ lock: 'L', client: 'b', ttlMs: 50, sentAtMs: 0 }), 'b after a expired').toEqual({ ok: true, token: 2 });
    expect(server.release({ lock: 'L', client: 'a', token: 1 }), "a's late release").toEqual({ ok: false });
    expect(server.acquire({ lock: 'L', client: 'c', ttlMs: 50, sentAtMs: 0 }), 'c while b holds').toEqual({ ok: false, reason: 'held' });
  });
});

stage('chaos', () => {
  test("Redlock's failure under a GC pause: the paused holder's late write is fenced off", () => {
    const problem = redlockStory({ ttlMs: 100, story: { kind: 'pause', pauseMs: 250 }, key: 'report/q1' }, parts);
    if (problem !== null) fail(problem);
  });

  test('three clients, a GC pause past the lease and a lock-server crash (world seed 1)', () => {
    const report = runWorld(
      { worldSeed: 1, clients: 3, ttlMs: 150, dropPerMille: 20, delayMsMax: 10, faults: [{ kind: 'pause', atMs: 200, client: 1, forMs: 400 }, { kind: 'crash-server', atMs: 900, downMs: 200 }] },
      parts,
    );
    if (report.violation !== null) fail(`world seed 1: ${report.violation}`);
  });
});
