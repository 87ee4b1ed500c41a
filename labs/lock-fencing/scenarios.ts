/**
 * Scenarios shared by the visible and hidden tests: the world of engine/locks run on your three
 * classes, and Kleppmann's two stories scripted step by step (a GC pause past the lease; a forward
 * jump of the lock server's clock), where only the storage's token check keeps the data safe.
 */
import { LockWorld, describeSchedule, show, type LockWorldReport, type Schedule } from '../../engine/locks/lock-world';
import { MapDisk, type LockClientClass, type LockServerClass, type StorageClass } from '../../engine/locks/protocol';

export interface Parts {
  server: LockServerClass;
  storage: StorageClass;
  client: LockClientClass;
}

export function runWorld(schedule: Schedule, parts: Parts): LockWorldReport {
  return new LockWorld(schedule, parts).run();
}

export interface StoryOptions {
  ttlMs: number;
  /** How the first holder loses its lease without knowing: a GC pause of pauseMs, or the lock server's clock jumping jumpMs forward. */
  story: { kind: 'pause'; pauseMs: number } | { kind: 'jump'; jumpMs: number };
  /** Which key both clients write. */
  key: string;
}

export function describeStory(o: StoryOptions): string {
  return o.story.kind === 'pause' ? `ttl ${o.ttlMs} ms, c1 pauses ${o.story.pauseMs} ms between building its write and sending it` : `ttl ${o.ttlMs} ms, the lock server's clock jumps ${o.story.jumpMs} ms forward while c1 holds the lock`;
}

/**
 * Kleppmann's figure, step by step. c1 gets the lock and builds its write; then either it pauses past
 * its lease, or the server's clock jumps past it. c2 gets the lock with a newer token and writes.
 * c1's write arrives last: the storage must refuse it. Returns null when everything is as the rules say.
 */
export function redlockStory(o: StoryOptions, parts: Parts): string | null {
  let t = 0;
  let serverOffset = 500_000;
  const serverEnv = Object.freeze({ nowMs: () => t + serverOffset, disk: new MapDisk() });
  const storageEnv = Object.freeze({ disk: new MapDisk() });
  const server = new parts.server(serverEnv);
  const storage = new parts.storage(storageEnv);
  const c1 = new parts.client('c1', Object.freeze({ nowMs: () => t + 20_000 }));
  const c2 = new parts.client('c2', Object.freeze({ nowMs: () => t + 31_000 }));
  const lock = 'lock/report';
  const step = (what: string, ok: boolean, got: unknown): string | null => (ok ? null : `${describeStory(o)}: ${what}, got ${show(got)}`);

  const g1 = server.acquire(c1.acquire(lock, o.ttlMs));
  t += 2;
  c1.granted(g1);
  let problem = step('c1 acquires a free lock: expected a grant', g1.ok === true, g1);
  if (problem) return problem;
  const token1 = (g1 as { token: number }).token;
  const late = c1.write(o.key, 'written by c1');
  problem = step(`c1's write carries its token ${token1}`, late.token === token1, late);
  if (problem) return problem;
  if (o.story.kind === 'pause') t += o.story.pauseMs;
  else serverOffset += o.story.jumpMs;
  t += 5;
  const g2 = server.acquire(c2.acquire(lock, o.ttlMs));
  t += 2;
  c2.granted(g2);
  problem = step(`c1's lease has run out on the lock server's clock: c2's acquire must be granted a newer token than ${token1}`, g2.ok === true && g2.token > token1, g2);
  if (problem) return problem;
  const w2 = storage.write(c2.write(o.key, 'written by c2'));
  problem = step(`c2 writes ${o.key} with token ${(g2 as { token: number }).token}: expected { ok: true }`, w2.ok === true, w2);
  if (problem) return problem;
  if (o.story.kind === 'jump') {
    problem = step("by c1's own clock its lease is still valid (only the server's clock jumped): c1.holds() should be true — yet it is no longer the holder", c1.holds() === true, c1.holds());
    if (problem) return problem;
  }
  t += 3;
  const w1 = storage.write(late);
  problem = step(
    `c1 wakes up and its write with the old token ${token1} reaches the storage after c2's token ${(g2 as { token: number }).token}: the storage must refuse it with the newest token (a lease alone is not safety)`,
    w1.ok === false && w1.newestToken === (g2 as { token: number }).token,
    w1,
  );
  if (problem) return problem;
  const value = storage.read(o.key);
  problem = step(`${o.key} must still hold c2's value`, value === 'written by c2', value);
  if (problem) return problem;
  const r1 = server.release({ lock, client: 'c1', token: token1 });
  problem = step(`c1's late release of token ${token1} must not free c2's lock`, r1.ok === false, r1);
  if (problem) return problem;
  const g3 = server.acquire({ lock, client: 'c3', ttlMs: o.ttlMs, sentAtMs: 0 });
  return step("c2's lease is live: a third client's acquire must be refused", g3.ok === false, g3);
}

export { describeSchedule };
