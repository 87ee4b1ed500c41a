import { expect, forSeeds, metric, stage, test, attachTrace } from '../../grader/harness/api';
import { CACHE_HOP_MS_MAX, DB_READ_MS, failingLoad, hotKeyExpiry, repeatedExpiries } from './hidden-scenarios';
import { checkSchedules } from './hidden-schedules';
import { Singleflight } from './solution';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** A reader that joined a load waits at most the DB read plus a cache hop before and after it. */
const WAIT_BOUND_MS = DB_READ_MS[1] + 2 * CACHE_HOP_MS_MAX;

stage('share', () => {
  test('concurrent calls for one key share one load and its value', async () => {
    const flight = new Singleflight();
    const gate = deferred<string>();
    let loads = 0;
    const load = () => {
      loads++;
      return gate.promise;
    };
    const calls = [flight.run('k', load), flight.run('k', load), flight.run('k', load)];
    expect(loads, 'loads started by three concurrent calls').toBe(1);
    expect(flight.inFlightCount, 'inFlightCount while loading').toBe(1);
    gate.resolve('value');
    expect(await Promise.all(calls), 'values').toEqual(['value', 'value', 'value']);
    expect(flight.inFlightCount, 'inFlightCount after the load settled').toBe(0);
  });

  test('different keys load separately and each caller gets its own key', async () => {
    const flight = new Singleflight();
    let loads = 0;
    const a = flight.run('a', async () => {
      loads++;
      return 'A';
    });
    const b = flight.run('b', async () => {
      loads++;
      return 'B';
    });
    expect(flight.inFlightCount, 'two keys in flight').toBe(2);
    expect([await a, await b], 'values').toEqual(['A', 'B']);
    expect(loads, 'loads').toBe(2);
  });

  test('a call after the load settled loads again', async () => {
    const flight = new Singleflight();
    let loads = 0;
    const load = async () => ++loads;
    expect(await flight.run('k', load), 'first load').toBe(1);
    expect(await flight.run('k', load), 'second call, after the first settled').toBe(2);
    expect(loads, 'loads').toBe(2);
  });

  test('a failed load rejects every caller that shared it, and is not remembered', async () => {
    const flight = new Singleflight();
    const gate = deferred<string>();
    const first = flight.run('k', () => gate.promise);
    const second = flight.run('k', async () => 'never called');
    gate.reject(new Error('boom'));
    const outcomes = await Promise.allSettled([first, second]);
    expect(
      outcomes.map((o) => (o.status === 'rejected' ? `rejected: ${(o.reason as Error).message}` : `fulfilled: ${String(o.value)}`)),
      'outcomes',
    ).toEqual(['rejected: boom', 'rejected: boom']);
    expect(flight.inFlightCount, 'inFlightCount after a failure').toBe(0);
    expect(await flight.run('k', async () => 'fresh'), 'the call after a failure').toBe('fresh');
  });

  // Generated schedules: calls on up to six keys (including 'constructor', '__proto__' and ''),
  // on two Singleflight instances at once, loads settling in any order, some failing, some
  // settling at once. Compared step by step with the reference: loads started, what every caller
  // got, and each instance's inFlightCount. Catches a map shared between instances (module-level
  // or static state), a plain object used as the map, failures remembered, flights never forgotten.
  forSeeds('generated schedules on two instances agree with the reference singleflight', [101, 102, 103, 104], async (seed) => {
    await checkSchedules(seed, () => new Singleflight(), 150);
  });
});

stage('hot-key', () => {
  forSeeds('1,000 readers at a hot key expiry: one DB load, everyone gets the value, nobody waits longer than that load', SEEDS, async (seed) => {
    const { report, wrongValues } = await hotKeyExpiry(seed, new Singleflight());
    metric('dbLoads', report.dbLoads);
    metric('peakConcurrentDbQueries', report.peakConcurrentDbQueries);
    metric('readerLatencyMsMax', report.readerLatencyMsMax);
    attachTrace(report.series);
    expect(report.dbLoads, `seed ${seed}: DB loads for the hot key after it expired`).toBe(1);
    expect(wrongValues.join('; ') || 'none', `seed ${seed}: readers that did not get the DB value`).toBe('none');
    expect(report.readerLatencyMsMax, `seed ${seed}: longest reader wait in ms (a DB read takes ${DB_READ_MS[0]}–${DB_READ_MS[1]} ms)`).toBeLessThanOrEqual(WAIT_BOUND_MS);
  });
  // Generated workloads: 50 to 1,000 readers, a DB read of 20–60 ms up to 20–100 ms, readers
  // spread over a window shorter than the fastest DB read (so all of them find the load in flight).
  // Still one load, every reader gets the value, nobody waits longer than the slowest DB read plus
  // the two cache hops.
  forSeeds('generated hot-key workloads: one DB load, and nobody waits longer than that load', [11, 12, 13, 14, 15, 16], async (seed, rng) => {
    const dbLo = 20 + rng.int(41);
    const dbHi = dbLo + rng.int(41);
    const arrivalWindowMs = 1 + rng.int(dbLo - 4);
    const readers = 50 + rng.int(951);
    const { report, wrongValues } = await hotKeyExpiry(seed, new Singleflight(), readers, { dbReadLatencyMs: [dbLo, dbHi], arrivalWindowMs });
    attachTrace(report.series);
    const what = `seed ${seed}: ${readers} readers over ${arrivalWindowMs} ms, DB read ${dbLo}–${dbHi} ms`;
    expect(report.dbLoads, `${what}: DB loads for the hot key after it expired`).toBe(1);
    expect(wrongValues.join('; ') || 'none', `${what}: readers that did not get the DB value`).toBe('none');
    expect(report.readerLatencyMsMax, `${what}: longest reader wait in ms`).toBeLessThanOrEqual(dbHi + 2 * CACHE_HOP_MS_MAX);
  });
});

stage('expiry-after-expiry', () => {
  forSeeds('every expiry costs exactly one load, and every wave reads the value committed before it', SEEDS, async (seed) => {
    const waves = await repeatedExpiries(seed, new Singleflight(), 3, 200);
    attachTrace(waves);
    for (const w of waves) {
      expect(w.dbLoads, `seed ${seed}, wave ${w.wave} (expiry at ${w.expiryMs} ms): DB loads`).toBe(1);
      expect(w.firstWrong ?? 'none', `seed ${seed}, wave ${w.wave}: expected every reader to get ${w.expectedValue}`).toBe('none');
      expect(w.readerLatencyMsMax, `seed ${seed}, wave ${w.wave}: longest reader wait in ms`).toBeLessThanOrEqual(WAIT_BOUND_MS);
    }
  });

  forSeeds('a failed load reaches every caller that shared it, and the next call loads again', SEEDS.slice(0, 5), async (seed) => {
    const result = await failingLoad(seed, new Singleflight(), 50);
    attachTrace(result);
    expect(result.rejected, `seed ${seed}: callers that saw the failure`).toBe(50);
    expect(result.errors[0], `seed ${seed}: the error they saw`).toBe('database unavailable');
    expect(result.retried, `seed ${seed}: the call made after the failure`).toBe('recovered');
    expect(result.loads, `seed ${seed}: loads (one failed, one retry)`).toBe(2);
  });
});
