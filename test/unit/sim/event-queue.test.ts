import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../engine/sim/event-queue';
import { Prng } from '../../../engine/sim/prng';

describe('EventQueue', () => {
  it('pops in time order, breaking ties by insertion order', () => {
    const q = new EventQueue<string>();
    q.push(5, 'b');
    q.push(1, 'a');
    q.push(5, 'c');
    q.push(3, 'x');
    q.push(5, 'd');
    const out: string[] = [];
    while (q.size > 0) out.push(q.pop().event);
    expect(out).toEqual(['a', 'x', 'b', 'c', 'd']);
    expect(q.peekTimeMs()).toBe(Infinity);
    expect(() => q.pop()).toThrow(RangeError);
  });

  it('matches a stable sort on 10,000 random events', () => {
    const rng = new Prng(42);
    const q = new EventQueue<number>();
    const items: { at: number; id: number }[] = [];
    for (let id = 0; id < 10_000; id++) {
      const at = rng.int(500);
      items.push({ at, id });
      q.push(at, id);
    }
    const expected = items.slice().sort((a, b) => a.at - b.at || a.id - b.id).map((x) => x.id);
    const got: number[] = [];
    while (q.size > 0) got.push(q.pop().event);
    expect(got).toEqual(expected);
  });
});
