import { describe, expect, it } from 'vitest';
import { EventQueue, TaggedEventQueue } from '../../../../engine/sim/event-queue';
import { Prng } from '../../../../engine/sim/prng';

// TaggedEventQueue (the Raft driver's queue) must pop in exactly EventQueue's (time, insertion) order,
// whatever mix of near, far, fractional, past and tied times it is given.
describe('TaggedEventQueue', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`pops in EventQueue order under a random schedule (seed ${seed})`, () => {
      const rng = new Prng(seed);
      const ref = new EventQueue<number>();
      const q = new TaggedEventQueue<string>();
      let now = 0;
      let id = 0;
      for (let step = 0; step < 20_000; step++) {
        const roll = rng.int(100);
        if (roll < 55 || ref.size === 0) {
          const kind = rng.int(10);
          const at =
            kind < 5 ? now + rng.int(30)
            : kind < 7 ? now + rng.int(5000) // beyond the ring sometimes
            : kind < 8 ? now + rng.int(100) + 0.5 // fractional
            : kind < 9 ? now + 100_000 + rng.int(10)
            : Math.max(0, now - rng.int(10)); // the past
          ref.push(at, id);
          q.push(at, id % 7, id, `e${id}`);
          id++;
        } else {
          expect(q.size).toBe(ref.size);
          expect(q.peekTimeMs()).toBe(ref.peekTimeMs());
          const want = ref.pop();
          q.pop();
          expect([q.poppedAtMs, q.poppedNum, q.poppedTag, q.poppedRef]).toEqual([want.atMs, want.event, want.event % 7, `e${want.event}`]);
          now = Math.max(now, Math.floor(want.atMs));
        }
      }
      while (ref.size > 0) {
        const want = ref.pop();
        q.pop();
        expect(q.poppedNum).toBe(want.event);
      }
      expect(q.size).toBe(0);
      expect(q.peekTimeMs()).toBe(Infinity);
      expect(() => q.pop()).toThrow(RangeError);
    });
  }
});
