import { attachTrace, fail, forSeeds, metric, stage } from '../../grader/harness/api';
import { randomSchedule } from '../../engine/locks/schedules';
import type { Schedule } from '../../engine/locks/lock-world';
import { checkGenerated, clientOps, leaseOps, runClientOps, runLeaseOps, runStorageOps, storageOps } from './hidden-rules';
import { redlockStory, runWorld, type Parts, type StoryOptions } from './scenarios';
import { FencedStorage, LockClient, LockServer } from './solution';

const parts: Parts = { server: LockServer, storage: FencedStorage, client: LockClient };
const seeds = (n: number, from: number): number[] => Array.from({ length: n }, (_, i) => from + i);

function world(seed: number, schedule: Schedule): void {
  const report = runWorld(schedule, parts);
  metric('grants', report.grants);
  metric('writesAccepted', report.writesAccepted);
  metric('writesFenced', report.writesFenced);
  metric('messages', report.messages);
  if (report.violation !== null) {
    attachTrace({ schedule, lastEvents: report.trace });
    fail(`seed ${seed}: ${report.violation}`);
  }
}

function generated(failure: string | null): void {
  if (failure !== null) fail(failure);
}

stage('fencing', () => {
  // Writes with older, equal and newer tokens on two keys, and storage crashes between them.
  forSeeds('generated writes (older, equal and newer tokens) and storage restarts follow the fencing rule (shrunk on failure)', seeds(8, 11), (seed) =>
    generated(checkGenerated('generated writes', seed, 150, storageOps, (ops) => runStorageOps(ops, FencedStorage))),
  );
  // Replies that arrive long after the request left, renewals, refusals, releases.
  forSeeds('generated client timelines (late replies, renewals, refusals): holds() ends ttlMs after the send, requests carry the token (shrunk on failure)', seeds(6, 31), (seed) =>
    generated(checkGenerated('generated client timelines', seed, 150, clientOps, (ops) => runClientOps(ops, LockClient))),
  );
});

stage('leases', () => {
  // Two locks, three clients, renewals and releases with the holder's, an older or a future token,
  // waits, forward clock jumps and lock-server restarts over the disk.
  forSeeds('generated acquire/renew/release sequences with clock jumps and restarts follow the lease rules (shrunk on failure)', seeds(10, 51), (seed) =>
    generated(checkGenerated('generated lease sequences', seed, 150, leaseOps, (ops) => runLeaseOps(ops, LockServer))),
  );
  forSeeds('a lease is live strictly before now + ttlMs: renew and acquire exactly at the expiry', seeds(4, 81), (seed, rng) => {
    const ttlMs = 1 + rng.int(500);
    const early = rng.int(ttlMs);
    const ops = [
      { op: 'acquire' as const, lock: 0, client: 1, ttlMs, skewMs: 0 },
      { op: 'wait' as const, ms: early },
      { op: 'renew' as const, lock: 0, who: 'holder' as const, token: 'current' as const, ttlMs, skewMs: 0 },
      { op: 'wait' as const, ms: ttlMs - 1 },
      { op: 'acquire' as const, lock: 0, client: 2, ttlMs, skewMs: 0 },
      { op: 'wait' as const, ms: 1 },
      { op: 'renew' as const, lock: 0, who: 'holder' as const, token: 'current' as const, ttlMs, skewMs: 0 },
      { op: 'acquire' as const, lock: 0, client: 2, ttlMs, skewMs: 0 },
    ];
    const out = runLeaseOps(ops, LockServer);
    if (out.failure !== null) fail(`seed ${seed}: ${out.steps.slice(-6).join('; ')} — ${out.failure}`);
  });
  forSeeds('tokens strictly increase across lock-server restarts', seeds(4, 71), (seed, rng) => {
    const ops = [];
    for (let round = 0; round < 3 + rng.int(4); round++) {
      ops.push({ op: 'acquire' as const, lock: 0, client: 1 + rng.int(3), ttlMs: 100, skewMs: 0 });
      if (rng.chance(500)) ops.push({ op: 'release' as const, lock: 0, who: 'holder' as const, token: 'current' as const });
      else ops.push({ op: 'wait' as const, ms: 100 + rng.int(50) });
      ops.push({ op: 'restart' as const });
    }
    const out = runLeaseOps(ops, LockServer);
    if (out.failure !== null) fail(`seed ${seed}: ${out.steps.slice(-6).join('; ')} — ${out.failure}`);
  });
});

stage('chaos', () => {
  forSeeds("Redlock's failure under a pause or a clock jump: the holder that lost its lease unknowingly is fenced off by the storage", seeds(6, 91), (seed, rng) => {
    const ttlMs = 50 * (1 + rng.int(10));
    const options: StoryOptions = {
      ttlMs,
      story: seed % 2 === 0 ? { kind: 'pause', pauseMs: ttlMs + 1 + rng.int(2 * ttlMs) } : { kind: 'jump', jumpMs: ttlMs + rng.int(ttlMs) },
      key: rng.pick(['report/q1', 'report/q2']),
    };
    const problem = redlockStory(options, parts);
    if (problem !== null) fail(`seed ${seed}: ${problem}`);
  });

  // Generated schedules: 2–6 clients, GC pauses longer than the lease, forward jumps of the lock
  // server's clock, lost releases, lock-server and storage crashes, clients crashing for good; then
  // a healed network, where every surviving client must get the lock.
  forSeeds('generated schedules (2–6 clients, GC pauses past the lease, clock jumps, lost releases, crashes): no stale write accepted, no two live leases, progress after the faults', seeds(20, 101), (seed) => world(seed, randomSchedule(seed)));

  forSeeds('a holder crashes for good and a release is lost: the lease expires and the others get the lock', seeds(4, 131), (seed, rng) => {
    const clients = 2 + rng.int(4);
    world(seed, {
      worldSeed: seed,
      clients,
      ttlMs: 50 * (2 + rng.int(8)),
      dropPerMille: 0,
      delayMsMax: 5,
      faults: [
        { kind: 'lose-release', atMs: 0, client: 2 },
        { kind: 'crash-holder', atMs: rng.int(300), client: 1 },
      ],
    });
  });
});
