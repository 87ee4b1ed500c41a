import { describe, expect, it } from 'vitest';
import type { Json } from '@/engine/locks/protocol';
import { LockWorld, type LockWorldParts, type Schedule } from '@/engine/locks/lock-world';
import { randomSchedule } from '@/engine/locks/schedules';
import { FencedStorage, LockClient, LockServer } from '@/labs/lock-fencing/.meta/reference';

const parts: LockWorldParts = { server: LockServer, storage: FencedStorage, client: LockClient };

describe('the lock world', () => {
  it('a correct lock, storage and client pass generated schedules, with stale writes fenced off', () => {
    let fenced = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const report = new LockWorld(randomSchedule(seed), parts).run();
      expect(report.violation, `seed ${seed}`).toBeNull();
      expect(report.grants).toBeGreaterThan(3);
      fenced += report.writesFenced;
    }
    expect(fenced).toBeGreaterThan(0);
  });

  it('is a pure function of the schedule', () => {
    const a = new LockWorld(randomSchedule(7), parts).run();
    const b = new LockWorld(randomSchedule(7), parts).run();
    expect(a).toEqual(b);
  });

  it('catches a storage that accepts any token (Redlock alone, no fencing) when a client pauses past its lease', () => {
    class Unfenced extends FencedStorage {
      override write(r: { key: string; value: string; token: number }) {
        return super.write({ ...r, token: Number.MAX_SAFE_INTEGER });
      }
    }
    const schedule: Schedule = { worldSeed: 3, clients: 2, ttlMs: 200, dropPerMille: 0, delayMsMax: 5, faults: [{ kind: 'pause', atMs: 0, client: 1, forMs: 600 }] };
    const report = new LockWorld(schedule, { ...parts, storage: Unfenced }).run();
    expect(report.violation).toMatch(/stale write accepted|refused/);
  });

  it('catches a lock server that forgets its token counter on restart', () => {
    class Forgetful extends LockServer {
      private static tokens = 0;
      constructor(env: ConstructorParameters<typeof LockServer>[0]) {
        const disk = new Map<string, unknown>();
        super({ nowMs: () => env.nowMs(), disk: { read: (k: string) => (k.startsWith('token/') ? (disk.get(k) as never) : env.disk.read(k)), write: (k: string, v: Json) => (k.startsWith('token/') ? void disk.set(k, v) : env.disk.write(k, v)) } });
        Forgetful.tokens++;
      }
    }
    const schedule: Schedule = { worldSeed: 5, clients: 3, ttlMs: 200, dropPerMille: 0, delayMsMax: 5, faults: [{ kind: 'crash-server', atMs: 800, downMs: 50 }] };
    const report = new LockWorld(schedule, { ...parts, server: Forgetful }).run();
    expect(report.violation).toMatch(/Tokens: each grant gets the next token/);
  });

  it('catches a lock server whose leases never expire once a holder crashes with the lock', () => {
    class NoExpiry extends LockServer {
      constructor(env: ConstructorParameters<typeof LockServer>[0]) {
        super({ nowMs: () => 0, disk: env.disk });
      }
    }
    const schedule: Schedule = { worldSeed: 9, clients: 3, ttlMs: 100, dropPerMille: 0, delayMsMax: 5, faults: [{ kind: 'crash-holder', atMs: 0, client: 1 }] };
    expect(new LockWorld(schedule, parts).run().violation).toBeNull();
    const report = new LockWorld(schedule, { ...parts, server: NoExpiry }).run();
    expect(report.violation).toMatch(/a crashed holder blocks everyone/);
  });
});
