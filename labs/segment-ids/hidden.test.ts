import { attachTrace, expect, fail, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { Scheduler } from '../../engine/cache/scheduler';
import { LeafAllocTable } from '../../engine/idgen/leaf-alloc-table';
import { Prng } from '../../engine/sim/prng';
import { fc } from '../../grader/harness/property';
import { describeSequentialCase, preloadPoints, sequentialCaseArb, steadyWorld, type SequentialCase, type WorldShape } from './hidden-segment-cases';
import { makeDao, type FetchRecord } from './leaf-dao';
import { SegmentAllocator } from './solution';


function must(ok: boolean, message: () => string): void {
  if (!ok) fail(message());
}

const MAX_EXACT_ID = BigInt(Number.MAX_SAFE_INTEGER);
/** A Map key for an ID: the same number when it is exact (V8 hashes bigint keys about twice as slowly), else the bigint. */
function idKey(id: bigint): number | bigint {
  return id >= 0n && id <= MAX_EXACT_ID ? Number(id) : id;
}

interface Incarnation {
  server: number;
  number: number;
  alloc: SegmentAllocator;
  fetches: readonly FetchRecord[];
  issued: bigint[];
  /** Segments (by maxId) this incarnation issued at least one ID from. */
  usedSegments: Set<bigint>;
  startedMs: number;
}

interface TraceEvent {
  t: number;
  server: number;
  event: string;
}

function segmentOf(fetches: readonly FetchRecord[], id: bigint): FetchRecord | undefined {
  return fetches.find((f) => f.maxId !== undefined && f.step !== undefined && id <= f.maxId && id > f.maxId - BigInt(f.step));
}

/**
 * Servers with concurrent callers on one leaf_alloc row; crashes replace a server's allocator with a
 * new one (what it held is lost); operators change the step. Checks every property as it goes.
 */
async function runWorld(seed: number, settings: WorldShape): Promise<void> {
  const rng = new Prng(seed).fork('workload');
  const sched = new Scheduler({ prng: new Prng(seed) });
  const table = new LeafAllocTable(sched, settings.latency);
  const bizTag = 'order';
  table.insert(bizTag, settings.steps[0]!);
  const fraction = settings.fraction ?? 0.2;
  /** Who issued each ID, keyed by idKey(id). */
  const owner = new Map<number | bigint, { server: number; allocator: number; atMs: number }>();
  const events: TraceEvent[] = [];
  const issuedAtMs: number[] = [];
  const log = (server: number, event: string) => {
    events.push({ t: sched.nowMs(), server, event });
    if (events.length > 150) events.shift();
  };
  const incarnations: Incarnation[] = [];
  const current: Incarnation[] = [];
  let waits = 0;
  let maxWaitMs = 0;
  let traced = false;
  const trace = () => {
    if (traced) return;
    traced = true;
    const buckets = new Array<number>(Math.ceil(settings.durationMs / 10) + 1).fill(0);
    for (const t of issuedAtMs) buckets[Math.floor(t / 10)]! += 1;
    attachTrace({
      seed,
      settings: { ...settings, fraction },
      events,
      series: [{ name: 'ids issued', startMs: 0, bucketMs: 10, values: buckets }],
      fetches: incarnations.flatMap((inc) => inc.fetches.map((f) => ({ server: inc.server, incarnation: inc.number, startMs: f.startMs, endMs: f.endMs ?? null, maxId: f.maxId === undefined ? null : String(f.maxId), step: f.step ?? null }))),
    });
  };
  let stopped = false;
  const check = (ok: boolean, message: () => string) => {
    if (!ok) {
      stopped = true;
      trace();
    }
    must(ok, message);
  };

  const start = (server: number) => {
    const number = (current[server]?.number ?? 0) + 1;
    const inc = { server, number, fetches: [], issued: [], usedSegments: new Set(), startedMs: sched.nowMs() } as unknown as Incarnation;
    // Watch when each round trip starts: how much of the segment in use was left.
    const onStart = () => {
      const last = inc.issued[inc.issued.length - 1];
      if (last !== undefined && !settings.waitsAllowed) {
        const seg = segmentOf(inc.fetches, last);
        if (seg !== undefined && seg.maxId !== undefined && seg.step !== undefined && seg.maxId >= last) {
          const remaining = Number(seg.maxId - last);
          const size = seg.step;
          const threshold = fraction * size;
          const slack = settings.callersPerServer;
          log(server, `DB round trip starts with ${remaining} of ${seg.step} left`);
          check(remaining <= threshold + slack, () => `server ${server} started a DB round trip with ${remaining} of ${size} IDs (${Math.round((100 * remaining) / size)}%) of its segment left at t=${sched.nowMs()} (seed ${seed}). Preload when at most ${Math.round(fraction * 100)}% *remains*, not earlier: an early preload holds two segments longer and wastes more on a crash.`);
          check(remaining >= threshold - slack || remaining === 0, () => `server ${server} started its preload only with ${remaining} of ${size} IDs left at t=${sched.nowMs()}, although the threshold is ${Math.round(fraction * 100)}% (seed ${seed}). Check the remaining-fraction comparison after each ID.`);
          return;
        }
      }
      log(server, 'DB round trip starts');
    };
    const { dao, log: fetches } = makeDao(table, () => sched.nowMs(), onStart);
    inc.fetches = fetches;
    try {
      inc.alloc = new SegmentAllocator(dao, { bizTag, ...(settings.fraction === undefined ? {} : { preloadRemainingFraction: settings.fraction }) });
    } catch (error) {
      fail(`new SegmentAllocator(...) threw: ${error instanceof Error ? error.message : String(error)} (seed ${seed})`);
    }
    current[server] = inc;
    incarnations.push(inc);
    log(server, `allocator ${number} starts`);
  };

  for (let s = 0; s < settings.servers; s++) start(s);
  const endMs = settings.durationMs;

  for (let s = 0; s < settings.servers; s++) {
    for (let c = 0; c < settings.callersPerServer; c++) {
      sched.spawn(`server ${s} caller ${c}`, async () => {
        while (!stopped && sched.nowMs() < endMs) {
          const inc = current[s]!;
          const t0 = sched.nowMs();
          const id = await inc.alloc.next();
          if (current[s] !== inc) continue; // the server crashed while this call was in flight: the reply is lost
          const now = sched.nowMs();
          check(typeof id === 'bigint', () => `next() returned a ${typeof id} (seed ${seed}); IDs are bigint.`);
          const seg = segmentOf(inc.fetches, id);
          check(seg !== undefined, () => `server ${s} issued ID ${id} at t=${now}, which is outside every segment its DB round trips leased (seed ${seed}). A row (maxId, step) leases maxId − step + 1 … maxId; a segment's IDs are not contiguous with the previous one when other servers lease in between.`);
          const prior = owner.get(idKey(id));
          check(prior === undefined, () => `duplicate ID ${id}: issued by server ${s} (allocator ${inc.number}) at t=${now} and before by server ${prior!.server} (allocator ${prior!.allocator}) at t=${prior!.atMs} (seed ${seed}). Check the segment bounds and that you never hand out an ID twice.`);
          if (now > t0) {
            const firstReady = inc.fetches.find((f) => f.endMs !== undefined)?.endMs;
            const coldStart = firstReady === undefined || t0 < firstReady;
            if (!coldStart) {
              waits++;
              maxWaitMs = Math.max(maxWaitMs, now - t0);
              log(s, `a caller waited ${now - t0} ms`);
              check(settings.waitsAllowed, () => `a caller of server ${s} waited ${now - t0} ms (t=${t0}→${now}) for ID ${id}, although the next segment could have been preloaded (${Math.round(fraction * 100)}% of a segment lasts far longer than a DB round trip at this load) (seed ${seed}). Preload in the background, don't await it in next(), and switch to the buffered segment when the current one runs out.`);
            }
          }
          const previous = inc.issued[inc.issued.length - 1];
          check(previous === undefined || id > previous, () => `server ${s} (allocator ${inc.number}) issued ${id} after ${previous} at t=${now} (seed ${seed}): one allocator's IDs must increase.`);
          owner.set(idKey(id), { server: s, allocator: inc.number, atMs: now });
          inc.issued.push(id);
          inc.usedSegments.add(seg!.maxId!);
          issuedAtMs.push(now);
          await sched.sleep(rng.range(settings.thinkMs[0], settings.thinkMs[1]));
        }
      });
    }
  }
  sched.spawn('operations', async () => {
    while (!stopped && sched.nowMs() < endMs) {
      await sched.sleep(rng.range(5, 25));
      if (rng.chance(settings.crashPerMille)) {
        const s = rng.int(settings.servers);
        log(s, 'crash and restart');
        start(s);
      }
      if (rng.chance(settings.stepChangePerMille)) {
        const step = rng.pick(settings.steps);
        const row = table.peek(bizTag)!;
        table.insert(bizTag, step, row.maxId);
        log(-1, `step set to ${step}`);
      }
    }
  });
  try {
    await sched.run({ maxEvents: 2_000_000 });
  } catch (error) {
    trace();
    fail(`the simulation stopped: ${error instanceof Error ? error.message : String(error)} (seed ${seed})`);
  }

  // DB round trips: per allocator, every round trip but at most one (the last preload, or one cut short by a crash) leased a segment it used.
  let fetches = 0;
  let issued = 0;
  for (const inc of incarnations) {
    fetches += inc.fetches.length;
    issued += inc.issued.length;
    const unused = inc.fetches.length - inc.usedSegments.size;
    check(unused <= 1, () => `server ${inc.server} (allocator ${inc.number}) made ${inc.fetches.length} DB round trips but issued IDs from only ${inc.usedSegments.size} of the segments they leased (seed ${seed}). Concurrent callers and the preload must share one round trip: keep the in-flight load and await it instead of starting another.`);
  }
  const row = table.peek(bizTag)!;
  metric('idsIssued', issued);
  metric('dbRoundTrips', fetches);
  metric('dbRoundTripsPer10kIds', issued === 0 ? 0 : Math.round((fetches * 10_000) / issued));
  metric('idsWasted', Number(row.maxId) - issued);
  metric('callerWaits', waits);
  metric('maxCallerWaitMs', maxWaitMs);
  metric('restarts', incarnations.length - settings.servers);
  const minStep = Math.min(...settings.steps);
  const allowed = Math.ceil(issued / minStep) + 2 * incarnations.length;
  check(issued > 0, () => `no ID was issued (seed ${seed})`);
  check(fetches <= allowed, () => `${fetches} DB round trips for ${issued} IDs (${Math.round((fetches * 10_000) / issued)} per 10,000) with steps ≥ ${minStep} and ${incarnations.length} allocators; at most ${allowed} are needed (seed ${seed}). One round trip should lease a whole segment that you then use up.`);
  trace();
}

stage('segment', () => {
  test('the step the DB returns is the one to use, even when it changes', async () => {
    const sched = new Scheduler({ prng: new Prng(5) });
    const table = new LeafAllocTable(sched, 3);
    table.insert('user', 10);
    const { dao, log } = makeDao(table, () => sched.nowMs());
    const alloc = new SegmentAllocator(dao, { bizTag: 'user' });
    const ids: bigint[] = [];
    sched.spawn('caller', async () => {
      for (let i = 0; i < 120; i++) {
        if (i === 15) table.insert('user', 37, table.peek('user')!.maxId);
        if (i === 70) table.insert('user', 5, table.peek('user')!.maxId);
        ids.push(await alloc.next());
        await sched.sleep(1);
      }
    });
    await sched.run();
    const leased = log.flatMap((f) => Array.from({ length: f.step! }, (_, k) => f.maxId! - BigInt(f.step!) + 1n + BigInt(k)));
    expect(ids.map(String).join(','), 'IDs issued, in order (with steps 10, then 37, then 5)').toBe(leased.slice(0, 120).map(String).join(','));
  });

  test('a cold start with 50 concurrent callers makes one DB round trip', async () => {
    const sched = new Scheduler({ prng: new Prng(6) });
    const table = new LeafAllocTable(sched, 10);
    table.insert('user', 100);
    const { dao, log } = makeDao(table, () => sched.nowMs());
    const alloc = new SegmentAllocator(dao, { bizTag: 'user' });
    const ids: bigint[] = [];
    for (let c = 0; c < 50; c++) sched.spawn(`caller ${c}`, async () => void ids.push(await alloc.next()));
    await sched.run();
    metric('dbRoundTrips', log.length);
    expect(new Set(ids.map(String)).size, 'distinct IDs for 50 callers').toBe(50);
    expect(log.length, 'DB round trips for 50 concurrent first calls (step 100)').toBe(1);
  });

  test('a burst far larger than a segment: callers wait, but share every round trip', async () => {
    const sched = new Scheduler({ prng: new Prng(7) });
    const table = new LeafAllocTable(sched, 20);
    table.insert('user', 10);
    const { dao, log } = makeDao(table, () => sched.nowMs());
    const alloc = new SegmentAllocator(dao, { bizTag: 'user' });
    const ids: bigint[] = [];
    for (let c = 0; c < 95; c++) sched.spawn(`caller ${c}`, async () => void ids.push(await alloc.next()));
    await sched.run();
    metric('dbRoundTrips', log.length);
    expect(new Set(ids.map(String)).size, 'distinct IDs for 95 callers').toBe(95);
    expect(log.length, 'DB round trips for 95 IDs in segments of 10 (10 needed, at most one spare)').toBeLessThanOrEqual(11);
  });
});

stage('double-buffer', () => {
  forSeeds('steady callers on one server never wait after the first segment; preload starts at the threshold', [11, 12, 13, 14, 15, 16, 17, 18], (seed) =>
    runWorld(seed, {
      servers: 1,
      callersPerServer: 3,
      durationMs: 3000,
      latency: [2, 20],
      steps: [[200, 500, 1000][seed % 3]!],
      fraction: [undefined, 0.2, 0.3, 0.5][seed % 4],
      crashPerMille: 0,
      stepChangePerMille: 0,
      thinkMs: [1, 4],
      waitsAllowed: false,
    }),
  );
});

stage('fleet', () => {
  forSeeds('three servers, crashes mid-segment and mid-preload, step changes: unique IDs, no waits, bounded round trips', [1, 2, 3, 4, 5, 6], (seed) =>
    runWorld(seed, {
      servers: 3,
      callersPerServer: 4,
      durationMs: 2500,
      latency: [1, 25],
      steps: [300, 500, 800],
      fraction: undefined,
      crashPerMille: 60,
      stepChangePerMille: 40,
      thinkMs: [1, 4],
      waitsAllowed: false,
    }),
  );

  forSeeds('overload (segments drain faster than the DB answers): unique IDs and shared round trips', [21, 22, 23, 24], (seed) =>
    runWorld(seed, {
      servers: 2,
      callersPerServer: 8,
      durationMs: 600,
      latency: [10, 30],
      steps: [20, 40],
      fraction: undefined,
      crashPerMille: 80,
      stepChangePerMille: 50,
      thinkMs: [0, 2],
      waitsAllowed: true,
    }),
  );
});

/**
 * One sequential caller per allocator (two allocators on two tags when `pair`): the IDs must be
 * exactly the leased segments, in order; each round trip after the first must start right after
 * the ID that leaves at most the preload fraction of the segment; round trips ≤ segments used + 1.
 * Returns a description of the first problem, or undefined.
 */
async function runSequential(c: SequentialCase, label: string): Promise<string | undefined> {
  const sched = new Scheduler({ prng: new Prng(label) });
  const table = new LeafAllocTable(sched, [c.latency[0], c.latency[1]]);
  const rng = new Prng(label).fork('think');
  const tags = c.pair ? ['a', 'b'] : ['a'];
  const runs = tags.map((tag) => {
    table.insert(tag, c.leases[0]!.step, BigInt(c.startMaxId));
    const state = { tag, calls: [] as { startMs: number; id?: bigint }[], tripCall: [] as number[], log: [] as readonly FetchRecord[] };
    const { dao, log } = makeDao(table, () => sched.nowMs(), () => {
      const lease = c.leases[state.tripCall.length % c.leases.length]!;
      const row = table.peek(tag)!;
      table.insert(tag, lease.step, row.maxId + BigInt(lease.gap));
      state.tripCall.push(state.calls.length - 1);
    });
    state.log = log;
    const alloc = new SegmentAllocator(dao, { bizTag: tag, ...(c.fraction === undefined ? {} : { preloadRemainingFraction: c.fraction }) });
    sched.spawn(`caller ${tag}`, async () => {
      for (let i = 0; i < c.ids; i++) {
        const call: { startMs: number; id?: bigint } = { startMs: sched.nowMs() };
        state.calls.push(call);
        call.id = await alloc.next();
        await sched.sleep(rng.range(c.think[0], c.think[1]));
      }
    });
    return state;
  });
  try {
    await sched.run({ maxEvents: 200_000 });
  } catch (error) {
    return `the simulation stopped: ${error instanceof Error ? error.message : String(error)}`;
  }
  const fraction = c.fraction ?? 0.2;
  for (const run of runs) {
    const who = c.pair ? `allocator "${run.tag}": ` : '';
    const leased = run.log.filter((f) => f.maxId !== undefined && f.step !== undefined);
    const segStart = (f: FetchRecord) => f.maxId! - BigInt(f.step!) + 1n;
    // 1. Exactly the leased IDs, in lease order.
    let k = 0;
    let next = leased[0] === undefined ? undefined : segStart(leased[0]);
    for (let i = 0; i < run.calls.length; i++) {
      const got = run.calls[i]!.id;
      if (got === undefined) return `${who}call ${i + 1} never returned (the simulation ran dry while it waited)`;
      while (next !== undefined && next > leased[k]!.maxId!) {
        k++;
        next = leased[k] === undefined ? undefined : segStart(leased[k]!);
      }
      if (got !== next) {
        const seg = leased[k];
        const prev = leased[k - 1];
        let why = 'Hand out each leased segment (maxId − step + 1 … maxId) in full and in order, then the next one.';
        if (typeof got !== 'bigint') why = 'IDs are bigint.';
        else if (seg !== undefined && got === seg.maxId! - BigInt(seg.step!)) why = `${got} is maxId − step (${seg.maxId} − ${seg.step}): the segment starts at maxId − step + 1.`;
        else if (prev !== undefined && got === prev.maxId! + 1n && next === segStart(seg!) && next !== got) why = `${got} follows on from the previous segment (…${prev.maxId}), but other servers leased IDs in between: the new segment starts at maxId − step + 1 = ${next}.`;
        else if (prev !== undefined && seg !== undefined && got === seg.maxId! - BigInt(prev.step!) + 1n) why = `${got} is maxId − (the previous step) + 1: use the step of this answer (${seg.step}), not the one before.`;
        return `${who}call ${i + 1} returned ${String(got)}, expected ${String(next)}. The round trips so far leased ${leased.slice(0, k + 2).map((f) => `${segStart(f)}…${f.maxId}`).join(', ')}. ${why}`;
      }
      next = got + 1n;
    }
    // 2. Round trips: every one but the last leased a segment that was used.
    const used = new Set(run.calls.map((call) => leased.findIndex((f) => call.id! >= segStart(f) && call.id! <= f.maxId!)));
    if (run.log.length > used.size + 1) return `${who}${run.log.length} DB round trips for ${run.calls.length} IDs from ${used.size} segments; at most one more than the segments used (the last preload). Share the in-flight load: a caller that finds nothing in memory awaits the preload already running instead of starting its own.`;
    // 3. Each preload starts right after the ID that leaves at most the fraction.
    if (run.tripCall[0] !== 0) return `${who}the first DB round trip started during call ${run.tripCall[0]! + 1}, not during the first call.`;
    for (let t = 1; t < run.tripCall.length; t++) {
      const seg = leased[t - 1];
      if (seg === undefined) break;
      const size = seg.step!;
      const points = preloadPoints(c.fraction, size);
      const callIndex = run.tripCall[t]!;
      const id = run.calls[callIndex]?.id;
      const left = id === undefined ? undefined : Number(seg.maxId! - id);
      if (left === undefined || !points.includes(left)) {
        const want = points.map((r) => `${seg.maxId! - BigInt(r)} (${r} left)`).join(' or ');
        let why = `After each ID, start loading the next segment when at most ${Math.round(fraction * 100)}% of the current one remains (remaining = IDs not yet handed out), and only if none is buffered or loading.`;
        if (left !== undefined && points.some((r) => left === r - 1)) why = `Your preload started one ID late: compare after handing out the ID, with remaining ≤ fraction · size (≤, not <).`;
        else if (left !== undefined && points.some((r) => left === size - r || left === size - r - 1)) why = `Your preload started when ${Math.round(fraction * 100)}% of the segment was used; it should start when that fraction *remains*.`;
        else if (left !== undefined && left < 0) why = 'This round trip started in a later segment than the one it should preload for: check that a preload starts at most once per segment.';
        return `${who}DB round trip ${t + 1} started during call ${callIndex + 1}, the call that returned ID ${String(id)} (leaving ${left ?? '?'} of the ${size} IDs of segment ${segStart(seg)}…${seg.maxId}); it should start in the call that returns ID ${want}. ${why}`;
      }
    }
  }
  return undefined;
}

stage('double-buffer', () => {
  forSeeds('generated sequential callers (step changes, gaps, every preload fraction, two allocators at once): ID for ID and preload for preload', [31, 32, 33], async (seed) => {
    const cases = fc.sample(sequentialCaseArb, { seed, numRuns: 30 }).sort((a, b) => a.ids * a.leases.length - b.ids * b.leases.length);
    for (let i = 0; i < cases.length; i++) {
      const problem = await runSequential(cases[i]!, `${seed}/${i}`);
      if (problem !== undefined) fail(`case ${i + 1} of ${cases.length} (seed ${seed}): ${describeSequentialCase(cases[i]!)}: ${problem}`);
    }
  });
});

stage('fleet', () => {
  forSeeds('generated fleets (1–4 servers, 1–6 callers each, latency, steps and fraction drawn from the seed): unique IDs, no waits, preloads at the threshold', [41, 42, 43, 44, 45, 46], (seed) => runWorld(seed, steadyWorld(new Prng(seed).fork('settings'))));
});
