import { describe, expect, it } from 'vitest';
import { Prng } from '../../../engine/sim/prng';
import { Scheduler } from '../../../engine/cache/scheduler';

async function interleaving(seed: number): Promise<string[]> {
  const sched = new Scheduler({ prng: new Prng(seed) });
  const trace: string[] = [];
  for (const name of ['a', 'b', 'c', 'd']) {
    sched.spawn(name, async () => {
      for (let i = 0; i < 3; i++) {
        await sched.sleep(0);
        trace.push(`${name}${i}@${sched.nowMs()}`);
      }
    });
  }
  await sched.run();
  return trace;
}

describe('Scheduler', () => {
  it('replays the same interleaving for the same seed and a different one for another seed', async () => {
    const first = await interleaving(7);
    expect(await interleaving(7)).toEqual(first);
    const others = await Promise.all([8, 9, 10, 11].map(interleaving));
    expect(others.some((t) => t.join() !== first.join())).toBe(true);
    expect(first).toHaveLength(12);
  });

  it('resumes sleepers in virtual-time order and shows each the time it woke at', async () => {
    const sched = new Scheduler({ prng: new Prng(1) });
    const woke: string[] = [];
    for (const [name, ms] of [['slow', 30], ['fast', 10], ['mid', 20]] as const) {
      sched.spawn(name, async () => {
        await sched.sleep(ms);
        woke.push(`${name}@${sched.nowMs()}`);
        await sched.sleep(ms);
        woke.push(`${name}@${sched.nowMs()}`);
      });
    }
    const result = await sched.run();
    // fast@20 and mid@20 are due together: their order is the seed's choice, their times are not.
    expect(woke.map((w) => Number(w.split('@')[1]))).toEqual([10, 20, 20, 30, 40, 60]);
    expect([...woke].sort()).toEqual(['fast@10', 'fast@20', 'mid@20', 'mid@40', 'slow@30', 'slow@60']);
    expect(result.endMs).toBe(60);
    expect(result.unfinishedTasks).toEqual([]);
  });

  it('runs a task woken through a plain promise before the clock moves on', async () => {
    const sched = new Scheduler({ prng: new Prng(2) });
    let release!: (v: string) => void;
    const gate = new Promise<string>((resolve) => (release = resolve));
    const seen: string[] = [];
    sched.spawn('waiter', async () => {
      const v = await gate;
      seen.push(`${v}@${sched.nowMs()}`);
    });
    sched.spawn('releaser', async () => {
      await sched.sleep(5);
      release('go');
    });
    sched.spawn('later', async () => {
      await sched.sleep(6);
      seen.push(`later@${sched.nowMs()}`);
    });
    await sched.run();
    expect(seen).toEqual(['go@5', 'later@6']);
  });

  it('starts delayed tasks and timers at their time, and stops at untilMs', async () => {
    const sched = new Scheduler({ prng: new Prng(3) });
    const log: string[] = [];
    sched.spawn('t', async () => void log.push(`task@${sched.nowMs()}`), 15);
    sched.after(25, () => log.push(`timer@${sched.nowMs()}`));
    const partial = await sched.run({ untilMs: 20 });
    expect(log).toEqual(['task@15']);
    expect(partial.endMs).toBe(20);
    expect(sched.pendingEvents).toBe(1);
    await sched.run();
    expect(log).toEqual(['task@15', 'timer@25']);
  });

  it('reports a failed task with its name and the seed', async () => {
    const sched = new Scheduler({ prng: new Prng(42) });
    sched.spawn('doomed', async () => {
      await sched.sleep(1);
      throw new Error('boom');
    });
    await expect(sched.run()).rejects.toThrow(/task "doomed" failed \(seed \d+.*boom/);
  });

  it('lists tasks that wait on something nobody resolves', async () => {
    const sched = new Scheduler({ prng: new Prng(4) });
    sched.spawn('stuck', () => new Promise<void>(() => undefined));
    sched.spawn('fine', () => sched.sleep(1));
    const result = await sched.run();
    expect(result.unfinishedTasks).toEqual(['stuck']);
  });

  it('rejects negative or fractional sleeps', () => {
    const sched = new Scheduler({ prng: new Prng(5) });
    expect(() => sched.sleep(-1)).toThrow(RangeError);
    expect(() => sched.sleep(1.5)).toThrow(RangeError);
  });
});


/**
 * Every microtask a task takes between two waits, against the scheduler's own hops: which chains finish before the
 * clock moves (within quietHops = 32 quiet hops) and in what order the tasks' steps interleave. The settle loop was
 * rewritten from `await undefined` to `.then` on a resolved promise for speed; this pins the interleaving to the one
 * the original loop produced, hop for hop (the digest below was taken from it).
 */
async function microtaskInterleaving(): Promise<string> {
  const sched = new Scheduler({ prng: new Prng(77) });
  const log: string[] = [];
  const hops = async (n: number) => {
    for (let i = 0; i < n; i++) await undefined;
  };
  const nested = async (depth: number): Promise<number> => (depth === 0 ? 0 : 1 + (await nested(depth - 1)));
  sched.spawn('awaits', async () => {
    for (let n = 0; n <= 40; n += 3) {
      await sched.sleep(n % 2);
      await hops(n);
      log.push(`awaits ${n}@${sched.nowMs()}`);
    }
  });
  sched.spawn('thens', async () => {
    for (let n = 0; n <= 40; n += 4) {
      await sched.sleep(1);
      let p: Promise<unknown> = Promise.resolve();
      for (let i = 0; i < n; i++) p = p.then(() => undefined);
      await p;
      log.push(`thens ${n}@${sched.nowMs()}`);
    }
  });
  sched.spawn('nested', async () => {
    for (let d = 0; d <= 20; d += 2) {
      await sched.sleep(0);
      log.push(`nested ${await nested(d)}@${sched.nowMs()}`);
    }
  });
  sched.after(0, () => log.push(`timer@${sched.nowMs()}`));
  await sched.run();
  return log.join(' ');
}

describe('Scheduler settling, hop for hop', () => {
  it('finishes a chain of up to quietHops microtasks before the clock moves, and interleaves tasks as it always has', async () => {
    const log = await microtaskInterleaving();
    expect(log).toBe(await microtaskInterleaving());
    let h = 0x811c9dc5;
    for (let i = 0; i < log.length; i++) h = Math.imul(h ^ log.charCodeAt(i), 0x01000193) >>> 0;
    expect({ length: log.length, digest: h.toString(16) }).toEqual({ length: 407, digest: '90b8ab36' });
  });

  it('lets a task compute through a chain of awaits up to the quiet hops before another task or the clock moves', async () => {
    const sched = new Scheduler({ prng: new Prng(77) });
    const log: string[] = [];
    const hops = async (n: number) => {
      for (let i = 0; i < n; i++) await undefined;
    };
    sched.spawn('chains', async () => {
      for (let n = 28; n <= 40; n++) {
        await sched.sleep(5);
        const woke = sched.nowMs();
        await hops(n);
        log.push(`${n}:${woke}->${sched.nowMs()}`);
      }
    });
    // A second task wakes every millisecond: a chain that outlasts the quiet hops finishes after it, a millisecond late.
    sched.spawn('ticker', async () => {
      for (let i = 0; i < 200; i++) await sched.sleep(1);
    });
    await sched.run();
    expect(log.join(' ')).toBe('28:5->5 29:10->10 30:15->15 31:20->20 32:25->25 33:30->30 34:35->35 35:40->41 36:46->46 37:51->51 38:56->57 39:62->62 40:67->67');
  });
});
