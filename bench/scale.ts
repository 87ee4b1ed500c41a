/**
 * Scale-out benchmark (`npm run bench -- scale`): a throw-away PostgreSQL cluster, 2 web servers started with
 * GRADER=remote and grader workers (`npm run worker`), all on this machine (scripts/app-cluster.mjs).
 *
 * Three runs, each with 50 fresh guest learners who submit over HTTP and poll for the verdict, one submission
 * at a time each (a mix of passing, failing and CPU-limited solutions of hello-counter):
 *   1. 200 submissions, 1 worker          → throughput (verdicts per second of wall time)
 *   2. 200 submissions, 2 workers         → throughput, and its ratio to run 1
 *   3. 100 submissions, 2 workers, one of them killed (SIGKILL) after a quarter of the verdicts: a crash
 * During every run a prober loads a lesson page from both web servers, one every 200 ms; its p99 is compared
 * with the same prober on the idle cluster before any work.
 *
 * Lost = a submission without a verdict 60 s after the last one arrived. Recorded twice = a submission whose row
 * went from running to a verdict more than once, counted by a trigger the bench adds to the database (an audit
 * that does not trust the workers' own counters).
 *
 * One machine stands in for several: each worker grades one job at a time in one sandbox process
 * (GRADER_POOL_SIZE=1, "a one-core grader machine") and runs at niceness 10, so that on a 2-core host the
 * graders do not take the web servers' CPU, as separate grader machines would not. Targets: lost 0, recorded
 * twice 0, throughput 2 workers ÷ 1 worker ≥ 1.6, lesson p99 while grading ÷ idle ≤ 2.
 */
import fs, { readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import pg from 'pg';
import type { AppCluster as App } from '../scripts/app-cluster.mjs';
import { longPollQuery, sameProgress, type SubmissionView } from '../lib/labs/submission-view';
import { percentile } from './_support';


const LAB = 'hello-counter';
const LESSON = '/learn/raft/leader-election';
const labDir = path.resolve(__dirname, '..', 'labs', LAB);
const reference = readFileSync(path.join(labDir, '.meta', 'reference.ts'), 'utf8');
const starter = readFileSync(path.join(labDir, 'starter.ts'), 'utf8');
// A solution that never returns: graded until the lab's CPU limit stops it.
const spinning = reference.replace(/apply\(request: IncrementRequest\): number \| null \{/, (m) => `${m}\n    for (;;) {}`);
if (spinning === reference) throw new Error('could not build the CPU-limited solution from the reference');

const TERMINAL = new Set(['passed', 'failed', 'error']);

type Kind = 'pass' | 'fail' | 'spin';
/** 200 → 172 passing, 24 failing, 4 over the CPU limit (every 50th spins, every 8th fails). */
function kindOf(i: number): Kind {
  if (i % 50 === 49) return 'spin';
  if (i % 8 === 3) return 'fail';
  return 'pass';
}
const codeOf: Record<Kind, string> = { pass: reference, fail: starter, spin: spinning };


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a learner's browser last saw of a submission. */
type Seen = Pick<SubmissionView, 'status' | 'queuePosition' | 'progress'>;

class Learner {
  private cookie = '';
  constructor(readonly base: string) {}

  /** A page view gives the browser its guest token; the first write creates the guest. */
  async arrive(): Promise<void> {
    const res = await fetch(`${this.base}/labs/${LAB}`, { redirect: 'manual' });
    await res.arrayBuffer();
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    if (!set) throw new Error('no session cookie from a page view');
    this.cookie = set;
  }

  async submit(code: string): Promise<string> {
    for (;;) {
      const res = await fetch(`${this.base}/api/labs/${LAB}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: this.cookie, origin: this.base },
        body: JSON.stringify({ code }),
      });
      const body = (await res.json()) as { submission?: { id: string }; error?: string };
      if (res.status === 202 && body.submission) return body.submission.id;
      if (res.status === 429 || res.status === 503) {
        await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000);
        continue;
      }
      throw new Error(`submit answered ${res.status}: ${body.error ?? ''}`);
    }
  }

  /** The submission's status; given what was seen last, a long poll that answers when that changes (or after 20 s). */
  async status(id: string, known?: Seen): Promise<Seen> {
    const res = await fetch(`${this.base}/api/submissions/${id}${longPollQuery(known ?? null)}`, { headers: { cookie: this.cookie } });
    const body = (await res.json()) as { submission?: SubmissionView };
    if (!res.ok || !body.submission) throw new Error(`poll answered ${res.status}`);
    const { status, queuePosition, progress } = body.submission;
    return { status, queuePosition, progress };
  }
}

/** Loads the lesson page from every web server in turn until stopped; returns the latencies in ms. */
function probeLessons(urls: string[]): { stop: () => Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  let failure: unknown = null;
  const loop = (async () => {
    let i = 0;
    while (running) {
      const url = `${urls[i++ % urls.length]}${LESSON}`;
      const t0 = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`lesson page answered ${res.status}`);
      times.push(performance.now() - t0);
      // A reader every 200 ms: hundreds of samples per run for the p99, without the prober itself taking the CPU the
      // graders are measured on (at 25 ms it loaded ~26 pages a second, a fifth of a core on this host).
      await sleep(200);
    }
  })().catch((error: unknown) => {
    failure = error;
  });
  return {
    stop: async () => {
      running = false;
      await loop;
      if (failure) throw failure;
      return times;
    },
  };
}

/**
 * Where the host's CPU went during a run: every process's CPU time (/proc/<pid>/stat) between two snapshots, charged to
 * the part of the deployment it belongs to (the nearest ancestor that is a web server, a worker or PostgreSQL; this
 * bench and its learners; or "other": whatever else runs on the host). A process's own CPU time and that of the children
 * it reaped are counted; a process that exits during the run (the killed worker) is not.
 */
type CpuPart = 'web' | 'workers' | 'db' | 'bench' | 'other';
interface ProcSample {
  ppid: number;
  ticks: number;
  cmd: string;
}
const CLOCK_TICKS = 100;

function procSnapshot(): Map<number, ProcSample> {
  const out = new Map<number, ProcSample>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: fields after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      // utime + stime, and cutime + cstime: the children it has reaped (a sandbox process recycled after a time-limited run).
      out.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]), cmd });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return out;
}

function partOf(pid: number, procs: Map<number, ProcSample>): CpuPart {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === process.pid) return 'bench';
    const proc = procs.get(p);
    if (!proc) return 'other';
    if (proc.cmd.includes('scripts/server.mjs')) return 'web';
    if (proc.cmd.includes('scripts/worker.mjs')) return 'workers';
    if (/(^|\/)postgres\b|^postgres:/.test(proc.cmd)) return 'db';
    p = proc.ppid;
  }
  return 'other';
}

function hostBusyTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3]! + line[4]!;
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

function cpuMeter(): { stop: () => { seconds: Record<CpuPart, number>; hostBusy: number } } {
  const start = procSnapshot();
  const hostStart = hostBusyTicks();
  return {
    stop: () => {
      const end = procSnapshot();
      const hostEnd = hostBusyTicks();
      const seconds: Record<CpuPart, number> = { web: 0, workers: 0, db: 0, bench: 0, other: 0 };
      for (const [pid, proc] of end) seconds[partOf(pid, end)] += (proc.ticks - (start.get(pid)?.ticks ?? 0)) / CLOCK_TICKS;
      return { seconds, hostBusy: (hostEnd.busy - hostStart.busy) / Math.max(1, hostEnd.total - hostStart.total) };
    },
  };
}

function printCpu(label: string, verdicts: number, wallSeconds: number, cpu: ReturnType<ReturnType<typeof cpuMeter>['stop']>): void {
  const per = (x: number) => `${((x / Math.max(1, verdicts)) * 1000).toFixed(0)} ms`;
  const parts = (Object.keys(cpu.seconds) as CpuPart[]).map((k) => `${k} ${per(cpu.seconds[k])}`).join(', ');
  console.log(`  ${label} CPU per verdict: ${parts}; host busy ${(cpu.hostBusy * 100).toFixed(0)}% of ${os.availableParallelism()} cores over ${wallSeconds.toFixed(0)} s`);
}

type RunResult = { seconds: number; latencies: number[]; lost: number; submitted: number; lessonMs: number[]; byKind: Record<string, number> };

/** 50 learners split `total` submissions between them and submit one at a time, round-robin over the web servers. */
async function run(app: App, total: number, options: { onVerdict?: (count: number) => void } = {}): Promise<RunResult> {
  const learners = Array.from({ length: 50 }, (_, i) => new Learner(app.urls[i % app.urls.length]!));
  await Promise.all(learners.map((l) => l.arrive()));
  const probe = probeLessons(app.urls);
  const latencies: number[] = [];
  const byKind: Record<string, number> = {};
  let verdicts = 0;
  let submitted = 0;
  let lost = 0;
  let lastSubmitAt = 0;
  const t0 = performance.now();
  await Promise.all(
    learners.map(async (learner, li) => {
      for (let i = li; i < total; i += learners.length) {
        const kind = kindOf(i);
        const start = performance.now();
        const id = await learner.submit(codeOf[kind]);
        submitted++;
        lastSubmitAt = performance.now();
        let status = 'queued';
        // The workspace's own loop (components/workspace/lab-workspace.tsx): a long poll naming what was seen last,
        // answered when it changes; an unchanged answer is followed by a pause of what is left of a second.
        let seen: Seen | undefined;
        for (;;) {
          const sentAt = performance.now();
          const next = await learner.status(id, seen);
          status = next.status;
          if (TERMINAL.has(status)) break;
          // Lost: no verdict 60 s after the last submission of the run arrived.
          if (submitted === total && performance.now() - lastSubmitAt > 60_000) break;
          if (sameProgress(seen ?? null, next)) await sleep(Math.max(0, 1000 - (performance.now() - sentAt)));
          seen = next;
        }
        if (!TERMINAL.has(status)) {
          lost++;
          continue;
        }
        byKind[`${kind}→${status}`] = (byKind[`${kind}→${status}`] ?? 0) + 1;
        latencies.push(performance.now() - start);
        options.onVerdict?.(++verdicts);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, latencies, lost, submitted, lessonMs: await probe.stop(), byKind };
}

/** Counts every transition of a submission row from running to a verdict, independently of the workers. */
async function installAudit(url: string): Promise<() => Promise<number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    CREATE TABLE bench_verdicts (id text NOT NULL, status text NOT NULL, at timestamptz NOT NULL DEFAULT now());
    CREATE FUNCTION bench_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status IN ('passed', 'failed', 'error') AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.results IS DISTINCT FROM NEW.results) THEN
        INSERT INTO bench_verdicts (id, status) VALUES (NEW.id, NEW.status);
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER bench_audit AFTER UPDATE ON "LabSubmission" FOR EACH ROW EXECUTE FUNCTION bench_audit();
  `);
  await client.end();
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM (SELECT id FROM bench_verdicts GROUP BY id HAVING count(*) > 1) twice`);
    await c.end();
    return rows[0].n as number;
  };
}

const ms = (v: number) => `${Math.round(v)} ms`;

async function main() {
  // An ES module with top-level await (pg-cluster.mjs): loaded with import(), as this bench runs as CommonJS.
  const { clusterUnavailable, startAppCluster } = await import('../scripts/app-cluster.mjs');
  const unavailable = clusterUnavailable();
  if (unavailable) {
    console.log(`scale: skipped (${unavailable})`);
    return;
  }
  console.log(`scale: ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const app: App = await startAppCluster({
    webServers: 2,
    workers: 0,
    workerNice: 10,
    env: { GRADER_MAX_PENDING_TOTAL: '1000' },
    workerEnv: { GRADER_POOL_SIZE: '1', GRADER_WORKER_CONCURRENCY: '1', GRADER_LEASE_MS: '6000', GRADER_POLL_MS: '500', GRADER_STOP_GRACE_MS: '20000' },
  });
  try {
    const twice = await installAudit(app.pg.url);
    // Warm both servers (first renders compile pages) before measuring the idle lesson latency.
    for (const url of app.urls) for (let i = 0; i < 5; i++) await (await fetch(`${url}${LESSON}`)).arrayBuffer();
    const idleProbe = probeLessons(app.urls);
    await sleep(20_000); // ~100 loads: the idle p99 is not just the slowest of a few
    const idle = await idleProbe.stop();

    await app.addWorker();
    const meterOne = cpuMeter();
    const one = await run(app, 200);
    const cpuOne = meterOne.stop();
    console.log(`1 worker : ${one.submitted} submitted in ${one.seconds.toFixed(1)} s, ${(one.latencies.length / one.seconds).toFixed(2)} verdicts/s, lost ${one.lost}`, one.byKind);
    printCpu('1 worker ', one.latencies.length, one.seconds, cpuOne);

    await app.addWorker();
    const meterTwo = cpuMeter();
    const two = await run(app, 200);
    const cpuTwo = meterTwo.stop();
    console.log(`2 workers: ${two.submitted} submitted in ${two.seconds.toFixed(1)} s, ${(two.latencies.length / two.seconds).toFixed(2)} verdicts/s, lost ${two.lost}`, two.byKind);
    printCpu('2 workers', two.latencies.length, two.seconds, cpuTwo);
    // What two workers could reach on this host if every core went to the deployment: the cores ÷ CPU per verdict.
    const perVerdict = (cpu: typeof cpuTwo, n: number) => (cpu.seconds.web + cpu.seconds.workers + cpu.seconds.db + cpu.seconds.bench) / Math.max(1, n);
    const ceiling = os.availableParallelism() / perVerdict(cpuTwo, two.latencies.length);
    console.log(`  ceiling on this host with the deployment's CPU per verdict: ${ceiling.toFixed(2)} verdicts/s = ${(ceiling / (one.latencies.length / one.seconds)).toFixed(2)}× the 1-worker throughput`);

    let killed = false;
    const crash = await run(app, 100, {
      onVerdict: (n) => {
        if (n === 25 && !killed) {
          killed = true;
          void app.killWorker(0, 'SIGKILL').then(() => console.log('crash run: worker 1 killed (SIGKILL) after 25 verdicts'));
        }
      },
    });
    console.log(`crash    : ${crash.submitted} submitted in ${crash.seconds.toFixed(1)} s, lost ${crash.lost}`, crash.byKind);

    const recordedTwice = await twice();
    const lost = one.lost + two.lost + crash.lost;
    const ratio = two.latencies.length / two.seconds / (one.latencies.length / one.seconds);
    const all = [...one.latencies, ...two.latencies];
    const busy = [...one.lessonMs, ...two.lessonMs, ...crash.lessonMs];
    const lessonRatio = percentile(busy, 99) / percentile(idle, 99);

    const line = (name: string, value: string, target: string, ok: boolean) => console.log(`${name.padEnd(38)}${value.padStart(12)}   target ${target.padEnd(8)} ${ok ? 'met' : 'MISSED'}`);
    console.log('');
    line('lost (all three runs)', String(lost), '0', lost === 0);
    line('recorded twice (audit trigger)', String(recordedTwice), '0', recordedTwice === 0);
    line('throughput 2 workers ÷ 1 worker', `${ratio.toFixed(2)}×`, '≥ 1.6×', ratio >= 1.6);
    line('lesson p99 while grading ÷ idle', `${lessonRatio.toFixed(2)}×`, '≤ 2×', lessonRatio <= 2);
    console.log(`submit → verdict p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))} (runs 1 and 2, queueing included: 50 learners at once)`);
    console.log(`  1 worker p50 ${ms(percentile(one.latencies, 50))} p99 ${ms(percentile(one.latencies, 99))}; 2 workers p50 ${ms(percentile(two.latencies, 50))} p99 ${ms(percentile(two.latencies, 99))}`);
    console.log(`lesson page p50/p99: idle ${ms(percentile(idle, 50))}/${ms(percentile(idle, 99))} (${idle.length} loads), while grading ${ms(percentile(busy, 50))}/${ms(percentile(busy, 99))} (${busy.length} loads)`);
    if (lost !== 0 || recordedTwice !== 0 || ratio < 1.6 || lessonRatio > 2) process.exitCode = 1;
  } catch (error) {
    console.error(app.logs());
    throw error;
  } finally {
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
