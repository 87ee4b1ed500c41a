import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SkewedClock, VirtualClock } from '../../../engine/sim/clock';
import { Prng } from '../../../engine/sim/prng';
import { checkMonotonic, checkUnique, idsPerMs } from '../../../engine/idgen/id-checks';
import { ClockRollbackError, nextId, SnowflakeGenerator } from '../../../engine/idgen/snowflake';
import { BORROW_LAYOUT, decode, DEFAULT_LAYOUT, encode } from '../../../engine/idgen/snowflake-layout';

const EPOCH_MS = 1_000;

describe('Snowflake layout', () => {
  it('encodes 41/5/5/12 bits exactly, as bigint and decimal string beyond 2^53', () => {
    const parts = { timestamp: 2 ** 41 - 1, rollback: 0, datacenter: 31, worker: 31, sequence: 4095 };
    const id = encode(DEFAULT_LAYOUT, parts);
    expect(id).toBe((1n << 63n) - 1n);
    expect(id.toString()).toBe('9223372036854775807');
    expect(decode(DEFAULT_LAYOUT, '9223372036854775807')).toEqual(parts);
    const small = encode(DEFAULT_LAYOUT, { timestamp: 1, rollback: 0, datacenter: 2, worker: 3, sequence: 4 });
    expect(small).toBe((1n << 22n) | (2n << 17n) | (3n << 12n) | 4n);
  });

  it('round-trips random parts through both layouts', () => {
    const prng = new Prng(1);
    for (const layout of [DEFAULT_LAYOUT, BORROW_LAYOUT]) {
      for (let i = 0; i < 1000; i++) {
        const parts = {
          timestamp: prng.int(2 ** 20) * 2 ** 19 + prng.int(2 ** 19),
          rollback: layout.rollbackBits === 0 ? 0 : prng.int(2),
          datacenter: prng.int(32),
          worker: prng.int(32),
          sequence: prng.int(4096),
        };
        if (layout.timestampBits === 40) parts.timestamp = Math.floor(parts.timestamp / 2);
        expect(decode(layout, encode(layout, parts))).toEqual(parts);
      }
    }
  });

  it('encodes every 63-bit layout as the fields written side by side in binary (both the double and the bigint path)', () => {
    // Five non-negative widths adding up to 63, timestamp ≤ 52 and sequence ≥ 1 (validateLayout's rules); timestamps
    // under 10 bits leave more than 53 bits below them, which takes the all-bigint path.
    const layoutArb = fc
      .tuple(fc.integer({ min: 0, max: 52 }), fc.integer({ min: 0, max: 62 }), fc.integer({ min: 0, max: 62 }), fc.integer({ min: 0, max: 62 }))
      .filter(([t, r, d, w]) => t + r + d + w <= 62)
      .map(([timestampBits, rollbackBits, datacenterBits, workerBits]) => ({ timestampBits, rollbackBits, datacenterBits, workerBits, sequenceBits: 63 - timestampBits - rollbackBits - datacenterBits - workerBits }));
    const field = (bits: number) => fc.oneof(fc.constant(0), fc.constant(2 ** Math.min(bits, 53) - 1), fc.integer({ min: 0, max: 2 ** Math.min(bits, 31) - 1 }));
    const caseArb = layoutArb.chain((layout) =>
      fc.record({
        layout: fc.constant(layout),
        parts: fc.record({ timestamp: field(layout.timestampBits), rollback: field(layout.rollbackBits), datacenter: field(layout.datacenterBits), worker: field(layout.workerBits), sequence: field(layout.sequenceBits) }),
      }),
    );
    const binary = (value: number, bits: number) => (bits === 0 ? '' : BigInt(value).toString(2).padStart(bits, '0'));
    fc.assert(
      fc.property(caseArb, ({ layout, parts }) => {
        const expected = BigInt(`0b0${binary(parts.timestamp, layout.timestampBits)}${binary(parts.rollback, layout.rollbackBits)}${binary(parts.datacenter, layout.datacenterBits)}${binary(parts.worker, layout.workerBits)}${binary(parts.sequence, layout.sequenceBits)}`);
        expect(encode(layout, parts)).toBe(expected);
        expect(decode(layout, expected)).toEqual(parts);
      }),
      { seed: 21, numRuns: 2000 },
    );
  });

  it('rejects fields that do not fit and layouts that are not 63 bits', () => {
    expect(() => encode(DEFAULT_LAYOUT, { timestamp: 0, rollback: 0, datacenter: 32, worker: 0, sequence: 0 })).toThrow(RangeError);
    const clock = new VirtualClock(EPOCH_MS);
    expect(() => new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: 0, workerId: 0, layout: { ...DEFAULT_LAYOUT, sequenceBits: 13 } })).toThrow(/63 bits/);
    expect(() => new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: 0, workerId: 32 })).toThrow(RangeError);
  });
});

describe('Snowflake generator', () => {
  it('issues 4,096 IDs in a millisecond and makes the 4,097th wait for the next one', () => {
    const clock = new VirtualClock(EPOCH_MS + 10);
    const gen = new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: 1, workerId: 2 });
    const ids: bigint[] = [];
    for (let i = 0; i < 4096; i++) {
      const r = gen.tryNext();
      if (r.kind !== 'id') throw new Error('unexpected wait');
      ids.push(r.id);
    }
    expect(gen.tryNext()).toEqual({ kind: 'wait', untilMs: EPOCH_MS + 11, reason: 'sequence-exhausted' });
    ids.push(nextId(gen, (ms) => clock.advanceToMs(ms)));
    expect(clock.nowMs()).toBe(EPOCH_MS + 11);
    expect(decode(DEFAULT_LAYOUT, ids[4096] as bigint)).toEqual({ timestamp: 11, rollback: 0, datacenter: 1, worker: 2, sequence: 0 });
    expect(checkMonotonic(ids).violations).toEqual([]);
    expect(checkUnique(ids).duplicates).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5])('32 workers interleaved at random: globally unique, monotonic per worker (seed %i)', (seed) => {
    const prng = new Prng(seed);
    const clock = new VirtualClock(EPOCH_MS);
    const workers = Array.from({ length: 32 }, (_, w) => new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: w >> 3, workerId: w & 7 }));
    const perWorker: bigint[][] = workers.map(() => []);
    const all: bigint[] = [];
    const issuedAtMs: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      if (prng.chance(5)) clock.advanceMs(prng.range(1, 3));
      const w = prng.int(workers.length);
      const id = nextId(workers[w] as SnowflakeGenerator, (ms) => clock.advanceToMs(ms));
      perWorker[w]?.push(id);
      all.push(id);
      issuedAtMs.push(clock.nowMs());
    }
    expect(checkUnique(all).duplicates, `seed ${seed}`).toEqual([]);
    for (const ids of perWorker) expect(checkMonotonic(ids).violations, `seed ${seed}`).toEqual([]);
    const series = idsPerMs(issuedAtMs, EPOCH_MS, clock.nowMs() + 1);
    expect(series.reduce((a, b) => a + b, 0)).toBe(40_000);
  });

  it("'throw' refuses a clock that went backwards", () => {
    const base = new VirtualClock(EPOCH_MS + 100);
    const clock = new SkewedClock(base);
    const gen = new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: 0, workerId: 0, rollback: 'throw' });
    gen.tryNext();
    clock.rollbackMs(1);
    expect(() => gen.tryNext()).toThrow(ClockRollbackError);
  });

  it("'wait' waits out a short rollback and stays monotonic, but throws on a long one", () => {
    const base = new VirtualClock(EPOCH_MS + 100);
    const clock = new SkewedClock(base);
    const gen = new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: 0, workerId: 0, rollback: 'wait', maxWaitMs: 5 });
    const before = nextId(gen, () => undefined);
    clock.rollbackMs(3);
    expect(gen.tryNext()).toEqual({ kind: 'wait', untilMs: EPOCH_MS + 100, reason: 'clock-rollback' });
    // The world moves on; the skewed clock reads 3 ms behind the base clock.
    const after = nextId(gen, (ms) => base.advanceToMs(ms + 3));
    expect(after > before).toBe(true);
    expect(clock.nowMs()).toBe(EPOCH_MS + 100);
    clock.rollbackMs(50);
    expect(() => gen.tryNext()).toThrow(ClockRollbackError);
  });

  it("'borrow' flips the reserved bit: unique across a rollback, not monotonic; a second rollback before catching up throws", () => {
    const base = new VirtualClock(EPOCH_MS + 100);
    const clock = new SkewedClock(base);
    const gen = new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: 0, workerId: 0, layout: BORROW_LAYOUT, rollback: 'borrow' });
    const ids: bigint[] = [];
    for (let t = 0; t < 20; t++) {
      for (let i = 0; i < 50; i++) ids.push(nextId(gen, (ms) => base.advanceToMs(ms)));
      base.advanceMs(1);
    }
    clock.rollbackMs(15);
    for (let t = 0; t < 20; t++) {
      for (let i = 0; i < 50; i++) ids.push(nextId(gen, (ms) => base.advanceToMs(ms)));
      base.advanceMs(1);
    }
    expect(checkUnique(ids).duplicates).toEqual([]);
    expect(checkMonotonic(ids).violations).toEqual([1000]);
    expect(decode(BORROW_LAYOUT, ids[1000] as bigint).rollback).toBe(1);
    // 20 ms later the clock is past the highest timestamp used, so the bit went back to 0.
    expect(decode(BORROW_LAYOUT, ids[1999] as bigint).rollback).toBe(0);
    clock.rollbackMs(10);
    nextId(gen, () => undefined);
    clock.rollbackMs(2);
    expect(() => gen.tryNext()).toThrow(ClockRollbackError);
  });

  it('a restart within the same millisecond duplicates IDs, unless it resumes after the persisted last timestamp', () => {
    const clock = new VirtualClock(EPOCH_MS + 500);
    const opts = { clock, epochMs: EPOCH_MS, datacenterId: 3, workerId: 4 };
    const first = new SnowflakeGenerator(opts);
    const before = [nextId(first, () => undefined), nextId(first, () => undefined)];
    const naive = new SnowflakeGenerator(opts);
    expect(checkUnique([...before, nextId(naive, () => undefined)]).duplicates).toHaveLength(1);
    const careful = new SnowflakeGenerator({ ...opts, lastTimestamp: first.currentTimestamp() });
    const after = nextId(careful, (ms) => clock.advanceToMs(ms));
    expect(checkUnique([...before, after]).duplicates).toEqual([]);
    expect(after > (before[1] as bigint)).toBe(true);
  });

  it('clock skew between workers keeps IDs unique but breaks their time order across workers', () => {
    const base = new VirtualClock(EPOCH_MS + 1000);
    const ahead = new SkewedClock(base);
    ahead.setOffsetMs(200);
    const a = new SnowflakeGenerator({ clock: ahead, epochMs: EPOCH_MS, datacenterId: 0, workerId: 1 });
    const b = new SnowflakeGenerator({ clock: base, epochMs: EPOCH_MS, datacenterId: 0, workerId: 2 });
    const first = nextId(a, () => undefined);
    base.advanceMs(100);
    const later = nextId(b, () => undefined);
    expect(later < first).toBe(true); // issued 100 ms later, sorts 100 ms earlier
    expect(checkUnique([first, later]).duplicates).toEqual([]);
  });
});
