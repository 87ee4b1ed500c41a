import { attachTrace, expect, fail, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { ClockRollbackError, SnowflakeGenerator as EngineGenerator } from '../../engine/idgen/snowflake';
import { decode as engineDecode, encode as engineEncode, type SnowflakeLayout as EngineLayout } from '../../engine/idgen/snowflake-layout';
import { SkewedClock, VirtualClock } from '../../engine/sim/clock';
import type { Prng } from '../../engine/sim/prng';
import { bound } from '../../grader/harness/api';
import { differential, fc, property } from '../../grader/harness/property';
import type { NextResult, SnowflakeLayout, SnowflakeParts, WallClock } from './api';
import { badIdArb, layoutArb, layoutName, badLayoutArb, badPartsArb, describeGeneratorScenario, describeStep, generatorScenarioArb, goodIdArb, partsCaseArb, type GeneratorScenario } from './hidden-snowflake-cases';
import { decode, encode, SnowflakeGenerator } from './solution';

/** Twitter's epoch and a 2023 clock: every ID is far above 2^53. */
const TWITTER_EPOCH_MS = 1_288_834_974_657;
const START_MS = 1_700_000_000_000;

const LAYOUTS: readonly SnowflakeLayout[] = [
  { timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12 },
  { timestampBits: 41, datacenterBits: 4, workerBits: 8, sequenceBits: 10 },
  { timestampBits: 42, datacenterBits: 5, workerBits: 8, sequenceBits: 8 },
  { timestampBits: 43, datacenterBits: 3, workerBits: 11, sequenceBits: 6 },
];


function must(ok: boolean, message: () => string): void {
  if (!ok) fail(message());
}

const engineLayout = (layout: SnowflakeLayout): EngineLayout => ({ ...layout, rollbackBits: 0 });
const partsText = (p: SnowflakeParts) => `t=${p.timestamp} dc=${p.datacenter} w=${p.worker} seq=${p.sequence}`;

/** The reference engine, answering in the lab's NextResult shape. */
class Reference {
  private readonly engine: EngineGenerator;
  constructor(options: { clock: WallClock; epochMs: number; datacenterId: number; workerId: number; layout: SnowflakeLayout; maxWaitMs: number; lastTimestamp?: number }) {
    this.engine = new EngineGenerator({ ...options, layout: engineLayout(options.layout), rollback: 'wait' });
  }
  tryNext(): NextResult {
    try {
      return this.engine.tryNext();
    } catch (error) {
      if (error instanceof ClockRollbackError) return { kind: 'refused', behindMs: error.lastTimestamp - error.nowTimestamp };
      throw error;
    }
  }
}

function describeResult(r: unknown, layout: SnowflakeLayout): string {
  if (r === null || typeof r !== 'object') return String(r);
  const x = r as { kind?: unknown; id?: unknown; untilMs?: unknown; reason?: unknown; behindMs?: unknown };
  if (x.kind === 'id') {
    if (typeof x.id !== 'bigint') return `an id of type ${typeof x.id}`;
    let parts = '';
    try {
      parts = ` (${partsText(engineDecode(engineLayout(layout), x.id))})`;
    } catch {
      parts = ' (not a 63-bit ID)';
    }
    return `id ${x.id}${parts}`;
  }
  if (x.kind === 'wait') return `wait until ${String(x.untilMs)} (${String(x.reason)})`;
  if (x.kind === 'refused') return `refused, ${String(x.behindMs)} ms behind`;
  return JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

function sameResult(a: NextResult, b: NextResult): boolean {
  if (a === null || typeof a !== 'object' || a.kind !== b.kind) return false;
  if (a.kind === 'id' && b.kind === 'id') return a.id === b.id;
  if (a.kind === 'wait' && b.kind === 'wait') return a.untilMs === b.untilMs && a.reason === b.reason;
  if (a.kind === 'refused' && b.kind === 'refused') return a.behindMs === b.behindMs;
  return false;
}

/** Where to look when the learner's answer differs from the reference's. */
function adviceFor(learner: NextResult, reference: NextResult): string {
  const lk = learner?.kind;
  if (reference.kind === 'refused') {
    return lk === 'id'
      ? 'The clock is further behind your last timestamp than maxWaitMs allows: the policy is to refuse, not to issue from the past.'
      : 'Beyond maxWaitMs the policy is { kind: "refused", behindMs: lastTimestamp − now }. Check the boundary (≤ maxWaitMs waits) and behindMs.';
  }
  if (reference.kind === 'wait' && reference.reason === 'clock-rollback') {
    return 'The clock is behind your last timestamp by at most maxWaitMs: wait until it reads epochMs + lastTimestamp again (untilMs is in clock ms, not since epoch).';
  }
  if (reference.kind === 'wait') {
    return lk === 'id'
      ? 'Every sequence number of this millisecond is used (or, after a restart, may have been used by the previous incarnation): wait for the next millisecond instead of wrapping.'
      : 'Wait exactly until the next millisecond (epochMs + now + 1) with reason "sequence-exhausted".';
  }
  if (lk === 'id') return 'Both issued an ID but the fields differ: check the sequence (0 in each new millisecond, +1 within one), the shifts and the field order.';
  return 'An ID was possible here. Check your rollback comparison (now < lastTimestamp, not ≤) and the sequence limit (2^sequenceBits − 1).';
}

stage('layout', () => {
  forSeeds('encode and decode agree with the reference on every layout', [101, 102, 103], (seed, rng) => {
    for (const layout of LAYOUTS) {
      for (let i = 0; i < 300; i++) {
        const pick = (bits: number) => (rng.chance(150) ? 2 ** bits - 1 : rng.chance(100) ? 0 : Math.floor((rng.nextU32() * 2 ** 20 + rng.int(2 ** 20)) % 2 ** bits));
        const parts: SnowflakeParts = { timestamp: pick(layout.timestampBits), datacenter: pick(layout.datacenterBits), worker: pick(layout.workerBits), sequence: pick(layout.sequenceBits) };
        const want = engineEncode(engineLayout(layout), { ...parts, rollback: 0 });
        const got = encode({ ...parts }, layout);
        must(got === want, () => `encode(${partsText(parts)}) in layout ${layoutName(layout)} gave ${describeResult({ kind: 'id', id: got }, layout)}, expected ${want} (seed ${seed}). Shift with bigint: a number loses bits above 2^53.`);
        const back = decode(want, layout);
        must(JSON.stringify(back) === JSON.stringify(parts) || (back.timestamp === parts.timestamp && back.datacenter === parts.datacenter && back.worker === parts.worker && back.sequence === parts.sequence),
          () => `decode(${want}) in layout ${layoutName(layout)} gave ${JSON.stringify(back)}, expected ${partsText(parts)} (seed ${seed}). Mask the low bits first (sequence), then shift right.`);
      }
    }
  });

  test('fields that do not fit, and IDs that are not 63-bit, are refused', () => {
    const ok = { timestamp: 5, datacenter: 1, worker: 1, sequence: 1 };
    expect(() => encode({ ...ok, datacenter: 32 }), 'datacenter 32 in 5 bits').toThrow();
    expect(() => encode({ ...ok, sequence: 4096 }), 'sequence 4096 in 12 bits').toThrow();
    expect(() => encode({ ...ok, timestamp: 2 ** 41 }), 'timestamp 2^41 in 41 bits').toThrow();
    expect(() => encode({ ...ok, worker: -1 }), 'worker −1').toThrow();
    expect(() => encode({ ...ok, sequence: 1.5 }), 'sequence 1.5').toThrow();
    expect(() => decode(-1n), 'decode(−1n)').toThrow();
    expect(() => decode(1n << 63n), 'decode(2^63)').toThrow();
    const clock = new VirtualClock(START_MS);
    const base = { clock, epochMs: TWITTER_EPOCH_MS, datacenterId: 0, workerId: 0 };
    expect(() => new SnowflakeGenerator({ ...base, layout: { timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 13 } }), 'a 64-bit layout').toThrow();
    expect(() => new SnowflakeGenerator({ ...base, layout: { timestampBits: 40, datacenterBits: 5, workerBits: 5, sequenceBits: 12 } }), 'a 62-bit layout').toThrow();
    expect(() => new SnowflakeGenerator({ ...base, workerId: 32 }), 'workerId 32 in 5 bits').toThrow();
    expect(() => new SnowflakeGenerator({ ...base, datacenterId: 40 }), 'datacenterId 40 in 5 bits').toThrow();
  });

  test('IDs from a real-world clock exceed 2^53 and stay exact', () => {
    const clock = new VirtualClock(START_MS + 123);
    const gen = new SnowflakeGenerator({ clock, epochMs: TWITTER_EPOCH_MS, datacenterId: 17, workerId: 29 });
    const ids: bigint[] = [];
    for (let i = 0; i < 600; i++) {
      const r = gen.tryNext();
      must(r.kind === 'id', () => `call ${i} in one millisecond gave ${describeResult(r, LAYOUTS[0]!)}, expected an ID (the 12-bit sequence holds 4096).`);
      if (r.kind === 'id') ids.push(r.id);
    }
    const first = ids[0]!;
    expect(typeof first, 'type of an ID').toBe('bigint');
    expect(first > 2n ** 53n, 'a 2023 Snowflake ID is above 2^53').toBeTruthy();
    expect(first, 'first ID').toBe(engineEncode(engineLayout(LAYOUTS[0]!), { timestamp: START_MS + 123 - TWITTER_EPOCH_MS, rollback: 0, datacenter: 17, worker: 29, sequence: 0 }));
    for (let i = 1; i < ids.length; i++) {
      must(ids[i]! === ids[i - 1]! + 1n, () => `IDs ${i - 1} and ${i} in the same millisecond are ${ids[i - 1]} and ${ids[i]}; they should differ by exactly 1. A number (double) cannot hold a 61-bit integer: keep everything bigint.`);
    }
  });
});

/** Drives one learner generator and one reference generator on the same clock and compares every answer. */
function compareOne(label: string, seed: number, layout: SnowflakeLayout, learner: SnowflakeGenerator, reference: Reference, context: () => string): NextResult {
  let got: NextResult;
  try {
    got = learner.tryNext();
  } catch (error) {
    fail(`${label}: tryNext() threw ${error instanceof Error ? error.message : String(error)} ${context()} (seed ${seed}). tryNext() answers with a result; it never throws for a clock problem.`);
  }
  const want = reference.tryNext();
  if (!sameResult(got, want)) {
    fail(`${label}: got ${describeResult(got, layout)}, expected ${describeResult(want, layout)} ${context()} (layout ${layoutName(layout)}, seed ${seed}). ${adviceFor(got, want)}`);
  }
  return got;
}

stage('sequence', () => {
  forSeeds('bursts on one worker, ID for ID against the reference', [201, 202, 203, 204, 205, 206, 207, 208], (seed, rng) => {
    const layout = LAYOUTS[seed % LAYOUTS.length]!;
    const clock = new VirtualClock(START_MS);
    const opts = { clock, epochMs: TWITTER_EPOCH_MS, datacenterId: rng.int(2 ** layout.datacenterBits), workerId: rng.int(2 ** layout.workerBits), layout };
    const learner = new SnowflakeGenerator(opts);
    const reference = new Reference({ ...opts, maxWaitMs: 5 });
    const perMs = new Map<number, number>();
    let waits = 0;
    let issued = 0;
    for (let round = 0; round < 30; round++) {
      const n = rng.chance(250) ? 2 ** layout.sequenceBits + rng.range(1, 20) : rng.range(1, 40);
      for (let i = 0; i < n; i++) {
        for (;;) {
          const r = compareOne(`request ${i + 1} of a burst of ${n}`, seed, layout, learner, reference, () => `at t=${clock.nowMs() - TWITTER_EPOCH_MS}`);
          if (r.kind === 'id') {
            issued++;
            perMs.set(clock.nowMs(), (perMs.get(clock.nowMs()) ?? 0) + 1);
            break;
          }
          if (r.kind === 'wait') {
            waits++;
            clock.advanceToMs(r.untilMs);
          }
        }
      }
      clock.advanceMs(rng.range(0, 3));
    }
    metric('idsIssued', issued);
    metric('sequenceWaits', waits);
    attachTrace({ layout: layoutName(layout), idsPerMs: [...perMs.entries()].map(([t, c]) => [t - START_MS, c]) });
  });
});

stage('rollback', () => {
  test('the wait/refuse boundary is maxWaitMs, and a refusal changes nothing', () => {
    const base = new VirtualClock(START_MS);
    const clock = new SkewedClock(base);
    const layout = LAYOUTS[0]!;
    const opts = { clock, epochMs: TWITTER_EPOCH_MS, datacenterId: 3, workerId: 4, layout, maxWaitMs: 5 };
    const learner = new SnowflakeGenerator(opts);
    const reference = new Reference(opts);
    const step = (what: string) => compareOne(what, 0, layout, learner, reference, () => '');
    step('first ID');
    step('second ID in the same ms');
    clock.rollbackMs(5);
    step('clock exactly maxWaitMs (5) behind');
    clock.rollbackMs(1);
    step('clock 6 ms behind with maxWaitMs 5');
    step('asked again while still 6 ms behind');
    base.advanceMs(1);
    step('clock back to 5 ms behind');
    base.advanceMs(5);
    step('clock back at the last timestamp (the sequence continues)');
    base.advanceMs(1);
    step('one ms later');
  });

  test('maxWaitMs 0 refuses every rollback; the default is 5', () => {
    const base = new VirtualClock(START_MS);
    const clock = new SkewedClock(base);
    const layout = LAYOUTS[0]!;
    const strict = { clock, epochMs: TWITTER_EPOCH_MS, datacenterId: 0, workerId: 0, layout, maxWaitMs: 0 };
    const learnerStrict = new SnowflakeGenerator(strict);
    const referenceStrict = new Reference(strict);
    const byDefault = { clock, epochMs: TWITTER_EPOCH_MS, datacenterId: 0, workerId: 1 };
    const learnerDefault = new SnowflakeGenerator(byDefault);
    const referenceDefault = new Reference({ ...byDefault, layout, maxWaitMs: 5 });
    compareOne('maxWaitMs 0, first ID', 0, layout, learnerStrict, referenceStrict, () => '');
    compareOne('default maxWaitMs, first ID', 0, layout, learnerDefault, referenceDefault, () => '');
    clock.rollbackMs(1);
    compareOne('maxWaitMs 0, clock 1 ms behind', 0, layout, learnerStrict, referenceStrict, () => '');
    clock.rollbackMs(4);
    compareOne('no maxWaitMs given (default 5), clock 5 ms behind', 0, layout, learnerDefault, referenceDefault, () => '');
  });

  test('a restart in the same millisecond does not reuse it; a restart behind the last timestamp follows the policy', () => {
    const base = new VirtualClock(START_MS);
    const clock = new SkewedClock(base);
    const layout = LAYOUTS[2]!;
    const opts = { clock, epochMs: TWITTER_EPOCH_MS, datacenterId: 1, workerId: 200, layout, maxWaitMs: 4 };
    const first = new SnowflakeGenerator(opts);
    for (let i = 0; i < 3; i++) first.tryNext();
    const last = START_MS - TWITTER_EPOCH_MS;
    const again = { ...opts, lastTimestamp: last };
    compareOne('restarted in the millisecond the previous incarnation used', 0, layout, new SnowflakeGenerator(again), new Reference(again), () => '(lastTimestamp = the current ms)');
    clock.rollbackMs(3);
    compareOne('restarted with the clock 3 ms behind lastTimestamp', 0, layout, new SnowflakeGenerator(again), new Reference(again), () => '(maxWaitMs 4)');
    clock.rollbackMs(7);
    compareOne('restarted with the clock 10 ms behind lastTimestamp', 0, layout, new SnowflakeGenerator(again), new Reference(again), () => '(maxWaitMs 4)');
    clock.setOffsetMs(0);
    base.advanceMs(1);
    const fresh = { ...opts, lastTimestamp: last };
    compareOne('restarted one ms after lastTimestamp', 0, layout, new SnowflakeGenerator(fresh), new Reference(fresh), () => '');
  });
});

interface FleetWorker {
  index: number;
  datacenterId: number;
  workerId: number;
  clock: SkewedClock;
  learner: SnowflakeGenerator;
  reference: Reference;
  incarnation: number;
  lastId: bigint | undefined;
  lastTimestamp: number | undefined;
  /** The last fault that hit this worker, for failure messages. */
  lastFault: string;
}

interface FleetTraceEvent {
  t: number;
  worker: number;
  event: string;
}

function runFleet(seed: number, rng: Prng): void {
  const layout = LAYOUTS[seed % LAYOUTS.length]!;
  const maxWaitMs = [2, 5, 10][seed % 3]!;
  const base = new VirtualClock(START_MS);
  const workerBitsForIndex = Math.min(layout.workerBits, 5);
  const workers: FleetWorker[] = [];
  const spawn = (w: FleetWorker) => {
    const opts = { clock: w.clock, epochMs: TWITTER_EPOCH_MS, datacenterId: w.datacenterId, workerId: w.workerId, layout, maxWaitMs, lastTimestamp: w.lastTimestamp };
    if (w.lastTimestamp === undefined) delete (opts as { lastTimestamp?: number }).lastTimestamp;
    w.learner = new SnowflakeGenerator(opts);
    w.reference = new Reference(opts);
  };
  for (let i = 0; i < 32; i++) {
    const clock = new SkewedClock(base);
    clock.setOffsetMs(rng.range(-20, 20));
    const w = {
      index: i,
      datacenterId: i >> workerBitsForIndex,
      workerId: i & (2 ** workerBitsForIndex - 1),
      clock,
      incarnation: 1,
      lastId: undefined,
      lastTimestamp: undefined,
      lastFault: 'none',
    } as unknown as FleetWorker;
    spawn(w);
    workers.push(w);
  }
  /** id → worker index · 1000 + incarnation. */
  const seen = new Map<bigint, number>();
  const events: FleetTraceEvent[] = [];
  const log = (w: FleetWorker, event: string) => {
    events.push({ t: base.nowMs() - START_MS, worker: w.index, event });
    if (events.length > 120) events.shift();
  };
  const issuedAt: number[] = [];
  const counters = { ids: 0, sequenceWaits: 0, rollbackWaits: 0, refusals: 0, restarts: 0, rollbacks: 0 };
  const traceNow = () =>
    attachTrace({
      seed,
      layout: layoutName(layout),
      maxWaitMs,
      events,
      series: [{ name: 'ids issued (fleet)', startMs: 0, bucketMs: 10, values: bucketize(issuedAt, 10) }],
    });

  const request = (w: FleetWorker, n: number) => {
    for (let k = 0; k < n; k++) {
      for (let guard = 0; ; guard++) {
        if (guard > 1000) fail(`worker ${w.index} asked to wait more than 1000 times for one ID (seed ${seed}). untilMs must lie in the future.`);
        const context = () => `on worker ${w.index} (incarnation ${w.incarnation}, clock offset ${w.clock.nowMs() - base.nowMs()} ms) at t=${base.nowMs() - START_MS}; last fault on this worker: ${w.lastFault}`;
        let got: NextResult;
        try {
          got = w.learner.tryNext();
        } catch (error) {
          traceNow();
          fail(`tryNext() threw "${error instanceof Error ? error.message : String(error)}" ${context()} (seed ${seed}). Clock problems are answered with wait/refused results, never thrown.`);
        }
        const want = w.reference.tryNext();
        if (got !== null && typeof got === 'object' && got.kind === 'id') {
          const id = got.id;
          if (typeof id !== 'bigint') {
            traceNow();
            fail(`worker ${w.index} issued an ID of type ${typeof id} (seed ${seed}). IDs are bigint.`);
          }
          const firstOwner = seen.get(id);
          if (firstOwner !== undefined) {
            traceNow();
            fail(`duplicate ID ${id} (${describeResult(got, layout)}) ${context()}; it was first issued by worker ${Math.floor(firstOwner / 1000)} (incarnation ${firstOwner % 1000}) (seed ${seed}). ${w.lastFault.startsWith('restart') ? 'Check what your constructor does with lastTimestamp when the clock reads that same millisecond.' : w.lastFault.includes('rolled back') ? 'Check what your generator does when now < lastTimestamp.' : 'Check the sequence: it must not wrap to 0 within a millisecond, and the packing must be exact bigint arithmetic.'}`);
          }
          if (w.lastId !== undefined && id <= w.lastId) {
            traceNow();
            fail(`worker ${w.index} issued ${describeResult(got, layout)} after ${describeResult({ kind: 'id', id: w.lastId }, layout)}: IDs of one worker must increase, across restarts too, ${context()} (seed ${seed}). Check what happens when now < lastTimestamp.`);
          }
        }
        if (!sameResult(got, want)) {
          traceNow();
          fail(`got ${describeResult(got, layout)}, expected ${describeResult(want, layout)} ${context()} (layout ${layoutName(layout)}, maxWaitMs ${maxWaitMs}, seed ${seed}). ${adviceFor(got, want)}`);
        }
        if (got.kind === 'id') {
          seen.set(got.id, w.index * 1000 + w.incarnation);
          w.lastId = got.id;
          w.lastTimestamp = w.clock.nowMs() - TWITTER_EPOCH_MS; // equal to the reference's ID, whose timestamp is the clock reading
          counters.ids++;
          issuedAt.push(base.nowMs() - START_MS);
          break;
        }
        if (got.kind === 'refused') {
          counters.refusals++;
          log(w, `refused: clock ${got.behindMs} ms behind`);
          return;
        }
        if (got.reason === 'sequence-exhausted') counters.sequenceWaits++;
        else counters.rollbackWaits++;
        const offset = w.clock.nowMs() - base.nowMs();
        base.advanceToMs(Math.max(base.nowMs(), got.untilMs - offset));
        if (got.reason === 'clock-rollback') log(w, `waited ${got.reason} until ${got.untilMs - TWITTER_EPOCH_MS}`);
      }
    }
  };

  const restart = (w: FleetWorker, why: string) => {
    w.incarnation++;
    counters.restarts++;
    w.lastFault = `restart (${why}) at t=${base.nowMs() - START_MS} with lastTimestamp ${w.lastTimestamp ?? 'none'}`;
    log(w, `restart (${why})`);
    spawn(w);
  };

  for (let step = 0; step < 500; step++) {
    base.advanceMs(rng.range(0, 2));
    if (rng.chance(40)) {
      const w = workers[rng.int(32)]!;
      const kind = rng.int(7);
      if (kind <= 3) {
        const back = kind === 0 ? rng.range(1, maxWaitMs) : kind === 1 ? maxWaitMs : kind === 2 ? maxWaitMs + 1 : rng.range(20, 300);
        w.clock.rollbackMs(back);
        counters.rollbacks++;
        w.lastFault = `clock rolled back ${back} ms at t=${base.nowMs() - START_MS}`;
        log(w, `clock rolled back ${back} ms`);
      } else if (kind === 4) {
        const ahead = rng.range(1, 40);
        w.clock.rollbackMs(-ahead);
        w.lastFault = `clock jumped ${ahead} ms forward at t=${base.nowMs() - START_MS}`;
        log(w, `clock jumped ${ahead} ms forward`);
      } else if (kind === 5) {
        restart(w, 'crash');
      } else {
        const back = rng.range(1, maxWaitMs + 2);
        w.clock.rollbackMs(back);
        counters.rollbacks++;
        restart(w, `reboot with the clock ${back} ms behind`);
      }
    }
    const busy = rng.range(1, 6);
    for (let j = 0; j < busy; j++) {
      const w = workers[rng.int(32)]!;
      const n = rng.chance(15) ? Math.min(2 ** layout.sequenceBits, 1024) + rng.range(1, 30) : rng.range(1, 12);
      request(w, n);
      if (rng.chance(20)) restart(w, 'crash right after serving');
    }
  }
  metric('idsIssued', counters.ids);
  metric('sequenceWaits', counters.sequenceWaits);
  metric('rollbackWaits', counters.rollbackWaits);
  metric('refusals', counters.refusals);
  metric('restarts', counters.restarts);
  metric('rollbacks', counters.rollbacks);
  metric('virtualMs', base.nowMs() - START_MS);
  traceNow();
  expect(counters.ids > 1000 && counters.restarts > 0 && counters.rollbacks > 0, 'the fleet run exercised IDs, restarts and rollbacks').toBeTruthy();
}

function bucketize(times: readonly number[], bucketMs: number): number[] {
  const end = times.length === 0 ? 0 : Math.floor(times[times.length - 1]! / bucketMs) + 1;
  const values = new Array<number>(end).fill(0);
  for (const t of times) values[Math.floor(t / bucketMs)]! += 1;
  return values;
}

stage('fleet', () => {
  forSeeds('32 workers under skew, rollbacks and restarts: unique, monotonic, ID for ID the reference', [1, 2, 3, 4], (seed, rng) => runFleet(seed, rng));
});

const layoutArbForDecode = layoutArb(1, 20);
const describeParts = ({ layout, parts }: { layout: SnowflakeLayout; parts: SnowflakeParts }) => `${partsText(parts)} in layout ${layoutName(layout)}`;
const throws = (f: () => unknown): boolean => {
  try {
    f();
    return false;
  } catch {
    return true;
  }
};

stage('layout', () => {
  forSeeds('generated layouts (0-bit fields, up to 52-bit timestamps) and edge values: encode and decode agree with the reference', [111, 112, 113], (seed) => {
    differential('encode(parts, layout)', {
      seed,
      arbitrary: partsCaseArb,
      actual: ({ layout, parts }) => String(encode({ ...parts }, { ...layout })),
      expected: ({ layout, parts }) => String(engineEncode(engineLayout(layout), { ...parts, rollback: 0 })),
      describeCase: describeParts,
    });
    differential('decode(encode(parts))', {
      seed,
      arbitrary: partsCaseArb,
      actual: ({ layout, parts }) => partsText(decode(engineEncode(engineLayout(layout), { ...parts, rollback: 0 }), { ...layout })),
      expected: ({ parts }) => partsText(parts),
      describeCase: describeParts,
    });
    differential('decode(any 63-bit ID)', {
      seed,
      arbitrary: fc.tuple(goodIdArb, layoutArbForDecode),
      actual: ([id, layout]) => partsText(decode(id, { ...layout })),
      expected: ([id, layout]) => partsText(engineDecode(engineLayout(layout), id)),
      describeCase: ([id, layout]) => `decode(${id}) in layout ${layoutName(layout)}`,
    });
  });

  forSeeds('generated bad fields, bad IDs and bad layouts are refused', [121, 122], (seed) => {
    property('encode refuses a field that is negative, fractional or too wide', badPartsArb, ({ layout, parts }) => throws(() => encode({ ...parts }, { ...layout })), {
      seed,
      describeCase: ({ layout, parts, field, how }) => `${field} ${how}: ${partsText(parts)} in layout ${layoutName(layout)}`,
    });
    property('decode refuses an ID outside [0, 2^63)', badIdArb, (id) => throws(() => decode(id)), { seed, describeCase: (id) => `decode(${id})` });
    property('the constructor refuses a layout that does not add up to 63 bits', badLayoutArb, (layout) => throws(() => new SnowflakeGenerator({ clock: { nowMs: bound(() => START_MS) }, epochMs: TWITTER_EPOCH_MS, datacenterId: 0, workerId: 0, layout: { ...layout } })), {
      seed,
      describeCase: (l) => `layout ${layoutName(l)} (${l.timestampBits + l.datacenterBits + l.workerBits + l.sequenceBits} bits)`,
    });
    property(
      'the constructor refuses a datacenterId or workerId that does not fit',
      fc.tuple(layoutArbForDecode, fc.constantFrom('datacenterId' as const, 'workerId' as const), fc.constantFrom(-1, 0, 1, 7)),
      ([layout, which, extra]) => {
        const bits = which === 'datacenterId' ? layout.datacenterBits : layout.workerBits;
        const value = extra < 0 ? -1 : 2 ** bits + extra;
        return throws(() => new SnowflakeGenerator({ clock: { nowMs: bound(() => START_MS) }, epochMs: TWITTER_EPOCH_MS, datacenterId: 0, workerId: 0, [which]: value, layout: { ...layout } }));
      },
      { seed, describeCase: ([l, which, extra]) => `${which} ${extra < 0 ? -1 : `2^${which === 'datacenterId' ? l.datacenterBits : l.workerBits} + ${extra}`} in layout ${layoutName(l)}` },
    );
  });
});

/** Runs a clock history on one or two learner generators and reference generators side by side; throws at the first different answer. */
function runGeneratorScenario(s: GeneratorScenario): void {
  const epochMs = 1_000_000;
  let base = epochMs + s.startAfterEpochMs;
  const offsets = [0, 0];
  const layout = s.layout;
  const ids = (w: number) => ({ datacenterId: w === 0 ? 0 : Math.min(1, 2 ** layout.datacenterBits - 1), workerId: w === 0 ? 0 : layout.datacenterBits > 0 ? 0 : Math.min(1, 2 ** layout.workerBits - 1) });
  const clocks = [0, 1].map((w) => ({ nowMs: bound(() => base + offsets[w]!) }));
  const lastUsed: (number | undefined)[] = [undefined, undefined];
  const learners: SnowflakeGenerator[] = [];
  const references: Reference[] = [];
  const spawn = (w: number) => {
    const opts = { clock: clocks[w]!, epochMs, ...ids(w), layout: { ...layout }, ...(s.maxWaitMs === undefined ? {} : { maxWaitMs: s.maxWaitMs }), ...(lastUsed[w] === undefined ? {} : { lastTimestamp: lastUsed[w] }) };
    learners[w] = new SnowflakeGenerator(opts);
    references[w] = new Reference({ ...opts, maxWaitMs: s.maxWaitMs ?? 5 });
  };
  for (let w = 0; w < s.workers; w++) {
    const behind = s.firstLastBehind[w];
    if (behind !== undefined) lastUsed[w] = Math.max(0, clocks[w]!.nowMs() - epochMs - behind);
    spawn(w);
  }
  const done: string[] = [];
  for (const step of s.steps) {
    done.push(describeStep(step, s.workers));
    if (step.kind === 'advance') base += step.ms;
    else if (step.kind === 'skew') offsets[step.worker] = Math.max(offsets[step.worker]! + step.ms, epochMs - base);
    else if (step.kind === 'restart') spawn(step.worker);
    else {
      for (let k = 0; k < step.times; k++) {
        let got: NextResult;
        try {
          got = learners[step.worker]!.tryNext();
        } catch (error) {
          throw new Error(`at ${done.join(', ')} (call ${k + 1}): tryNext() threw ${error instanceof Error ? error.message : String(error)}; it answers clock problems with wait/refused results.`);
        }
        const want = references[step.worker]!.tryNext();
        if (!sameResult(got, want)) {
          const since = clocks[step.worker]!.nowMs() - epochMs;
          throw new Error(`at ${done.join(', ')} (call ${k + 1}, the clock reads ${since} ms since the epoch): got ${describeResult(got, layout)}, expected ${describeResult(want, layout)}. ${adviceFor(got, want)}`);
        }
        if (want.kind === 'id') lastUsed[step.worker] = engineDecode(engineLayout(layout), want.id).timestamp;
      }
    }
  }
}

stage('rollback', () => {
  forSeeds('generated clock histories (the epoch itself, rollbacks around maxWaitMs, restarts, two generators at once): answer for answer the reference', [301, 302, 303], (seed) =>
    property('clock history', generatorScenarioArb, (s) => runGeneratorScenario(s), { seed, numRuns: 150, describeCase: describeGeneratorScenario }),
  );
});
