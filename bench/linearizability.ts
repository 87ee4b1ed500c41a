/**
 * Linearizability checker speed on a generated KV history: 50 clients, 10,000 operations over a
 * handful of keys, with overlapping intervals. The legal history is built from a real sequential
 * execution (each op takes effect at a random point inside its interval); the illegal one is the
 * same history with one get answer corrupted (in an early key, then in the last key). Prints wall
 * time and CPU time (the one to read on a machine shared with other jobs) for each verdict, and as baselines measured in the same run the old order (each partition
 * searched to the end before the next, `sliceSteps: Infinity`): the fair turns between partitions
 * must cost about nothing on the legal history (the same steps); on an illegal one they trade the
 * luck of where the broken key sorts for a bound of about (partitions × its own search).
 *
 * Then the shapes of Porcupine's test data (github.com/anishathalye/porcupine, test_data/), generated
 * here from sequential executions so that the same histories can be fed to Porcupine itself:
 * - `etcd-like` (test_data/jepsen/etcd_*.log): one register, 5 client processes, read / write /
 *   cas over values 0..4; a process that times out leaves its operation pending for ever (it took
 *   effect, or not) and is replaced by a new process id, as Jepsen does;
 * - `kv-like` (test_data/kv/c10-*, c50-*.txt, 6.824's KV tests): 20 clients, 10 keys, get / put / append
 *   (about 45 / 5 / 50 %), values "x <client> <n> y"; each client's last operation may never return.
 * Each in a legal version and with one read corrupted (illegal).
 *   npx tsx bench/linearizability.ts [operations] [clients] [--json DIR] [--runs N]
 * `--json DIR` also writes every shaped history to DIR/<name>.json for the Go comparison
 * (engine/check/README.md, "Compared with Porcupine").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Operation } from '../engine/check/history';
import { checkOperations, type CheckOptions, type LinearizabilityResult } from '../engine/check/linearizability';
import type { Model } from '../engine/check/model';
import { casRegisterModel, type CasRegisterInput, type CasRegisterOutput } from '../engine/check/models/cas-register-model';
import { kvModel, type KvInput, type KvOutput } from '../engine/check/models/kv-model';
import { Prng } from '../engine/sim/prng';

type KvOperation = Operation<KvInput, KvOutput>;

function generate(operations: number, clients: number, keys: readonly string[], seed: number): KvOperation[] {
  const rng = new Prng(seed);
  const nextFree = new Array<number>(clients).fill(0);
  type Planned = { clientId: number; input: KvInput; callMs: number; returnMs: number; atMs: number; seq: number };
  const planned: Planned[] = [];
  for (let i = 0; i < operations; i++) {
    const clientId = rng.int(clients);
    const callMs = nextFree[clientId]! + rng.range(0, 5);
    const returnMs = callMs + rng.range(1, 40);
    nextFree[clientId] = returnMs + 1;
    const key = rng.pick(keys);
    const roll = rng.int(100);
    const value = `${clientId}.${i};`;
    const input: KvInput = roll < 50 ? { type: 'get', key } : roll < 75 ? { type: 'put', key, value } : { type: 'append', key, value };
    planned.push({ clientId, input, callMs, returnMs, atMs: rng.range(callMs, returnMs), seq: i });
  }
  // Execute at the linearization points, in order, to get each output.
  const state = new Map<string, string>();
  const outputs = new Map<Planned, KvOutput>();
  for (const p of planned.slice().sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)) {
    const cur = state.get(p.input.key) ?? '';
    if (p.input.type === 'get') outputs.set(p, cur);
    else {
      state.set(p.input.key, p.input.type === 'put' ? p.input.value : cur + p.input.value);
      outputs.set(p, null);
    }
  }
  return planned.map((p) => ({ clientId: p.clientId, input: p.input, output: outputs.get(p), callMs: p.callMs, returnMs: p.returnMs }));
}

/** Corrupts one get answer (a non-empty one from the middle of the history; in `key` when given). */
function corrupt(history: KvOperation[], seed: number, key?: string): KvOperation[] {
  const rng = new Prng(seed).fork('corrupt');
  const gets = history.map((op, i) => [op, i] as const).filter(([op]) => op.input.type === 'get' && typeof op.output === 'string' && op.output.length > 0 && (key === undefined || op.input.key === key));
  const [victim, index] = gets[Math.floor(gets.length / 2) + rng.int(Math.max(1, Math.floor(gets.length / 4)))]!;
  const copy = history.slice();
  copy[index] = { ...victim, output: `${victim.output as string}X` };
  return copy;
}

function timed(label: string, history: KvOperation[], timeoutMs: number, options: CheckOptions = {}): number {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r: LinearizabilityResult<KvInput, KvOutput> = checkOperations(kvModel, history, { ...options, shouldStop: () => performance.now() - t0 > timeoutMs });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  const extra =
    r.verdict === 'illegal' ? `, longest linearizable prefix ${r.longestPrefix.length} of ${r.partition.length} ops in the broken key ${r.partition[0]!.input.key}` : r.verdict === 'unknown' ? `, ${r.reason}` : '';
  console.log(`${label.padEnd(28)} verdict ${r.verdict.padEnd(8)} in ${ms.toFixed(0).padStart(6)} ms, cpu ${cpu.toFixed(0).padStart(5)} ms (${r.steps.toLocaleString('en-US')} search steps, ${r.partitions} partitions${extra})`);
  return ms;
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const jsonDir = flag('--json');
const runs = Number(flag('--runs') ?? 3);
const operations = Number(args[0] ?? 10_000);
const clients = Number(args[1] ?? 50);
const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9'];
const legal = generate(operations, clients, keys, 7);
const ONE_AT_A_TIME: CheckOptions = { sliceSteps: Infinity };
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
console.log(`bench/linearizability: ${operations.toLocaleString('en-US')} KV operations, ${clients} clients, ${keys.length} keys, timeout 10 s`);
timed('warm-up', generate(2000, clients, keys, 1), 10_000);
timed('warm-up, one at a time', generate(2000, clients, keys, 1), 10_000, ONE_AT_A_TIME);
const legalFair = timed('legal', legal, 10_000);
const legalOld = timed('legal, one at a time', legal, 10_000, ONE_AT_A_TIME);
const early = corrupt(legal, 7);
const illegalFair = timed('illegal', early, 10_000);
const illegalOld = timed('illegal, one at a time', early, 10_000, ONE_AT_A_TIME);
const late = corrupt(legal, 7, keys[keys.length - 1]);
const lateFair = timed('illegal last key', late, 10_000);
const lateOld = timed('illegal last, one at a time', late, 10_000, ONE_AT_A_TIME);
console.log(`fair turns vs one partition at a time: legal ${ratio(legalFair, legalOld)}, illegal ${ratio(illegalFair, illegalOld)}, illegal in the last key ${ratio(lateFair, lateOld)}`);

// ---------------------------------------------------------------------------------------------
// Porcupine's shapes.

type CasOperation = Operation<CasRegisterInput, CasRegisterOutput>;

/**
 * Like Jepsen's etcd test: `processes` clients on one register, read 30 % / write 30 % / cas 40 %
 * over values 0..4. With probability `crashPerMille`/1000 an operation times out: it stays pending
 * for ever (it took effect at a random point of its interval, or never, half and half) and its
 * process is replaced by a fresh process id after the timeout.
 */
export function etcdLike(operations: number, seed: number, processes = 5, crashPerMille = 10): CasOperation[] {
  const rng = new Prng(`etcd-like/${seed}`);
  const slotFree = new Array<number>(processes).fill(0);
  const slotClient = Array.from({ length: processes }, (_, i) => i);
  let nextClient = processes;
  type Planned = { clientId: number; input: CasRegisterInput; callMs: number; returnMs: number | null; atMs: number | null; seq: number };
  const planned: Planned[] = [];
  for (let i = 0; i < operations; i++) {
    const slot = rng.int(processes);
    const callMs = slotFree[slot]! + rng.range(0, 5);
    const latency = rng.range(1, 30);
    const roll = rng.int(100);
    const input: CasRegisterInput = roll < 30 ? { type: 'read' } : roll < 60 ? { type: 'write', value: rng.int(5) } : { type: 'cas', expected: rng.int(5), value: rng.int(5) };
    const crashed = rng.chance(crashPerMille);
    const atMs = crashed && rng.chance(500) ? null : rng.range(callMs, callMs + latency);
    planned.push({ clientId: slotClient[slot]!, input, callMs, returnMs: crashed ? null : callMs + latency, atMs, seq: i });
    if (crashed) {
      slotClient[slot] = nextClient++;
      slotFree[slot] = callMs + 60; // the timeout
    } else slotFree[slot] = callMs + latency + 1;
  }
  let state: number | string | null = null;
  const outputs = new Map<Planned, CasRegisterOutput>();
  for (const p of planned.filter((q) => q.atMs !== null).sort((a, b) => a.atMs! - b.atMs! || a.seq - b.seq)) {
    const i = p.input;
    if (i.type === 'read') outputs.set(p, state);
    else if (i.type === 'write') {
      state = i.value;
      outputs.set(p, null);
    } else {
      const swapped = state === i.expected;
      if (swapped) state = i.value;
      outputs.set(p, swapped);
    }
  }
  return planned.map((p) => ({ clientId: p.clientId, input: p.input, output: p.returnMs === null ? undefined : outputs.get(p), callMs: p.callMs, returnMs: p.returnMs }));
}

/**
 * Like 6.824's KV tests (Porcupine's test_data/kv): `clients` clients over `keyCount` keys, get 45 %
 * / put 5 % / append 50 %, values "x <client> <n> y", latencies of a replicated log (1..40 ms), each
 * taking effect shortly before its reply (applied from the log, then answered). The operations
 * still in flight when the test stops never return (those already applied took effect).
 */
export function kvLike(operations: number, seed: number, clients = 50, keyCount = 10): KvOperation[] {
  const rng = new Prng(`kv-like/${seed}`);
  const keyNames = Array.from({ length: keyCount }, (_, i) => String(i));
  const nextFree = new Array<number>(clients).fill(0);
  const counter = new Array<number>(clients).fill(0);
  type Planned = { clientId: number; input: KvInput; callMs: number; returnMs: number | null; atMs: number | null; seq: number };
  const planned: Planned[] = [];
  for (let i = 0; i < operations; i++) {
    // Each client issues its next operation once the previous one returned (a closed loop).
    let clientId = 0;
    for (let c = 1; c < clients; c++) if (nextFree[c]! < nextFree[clientId]!) clientId = c;
    const callMs = nextFree[clientId]! + rng.range(0, 3);
    const returnMs = callMs + rng.range(1, 40);
    nextFree[clientId] = returnMs + 1;
    const key = rng.pick(keyNames);
    // Applied from the log, then answered: the operation takes effect shortly before its reply.
    const atMs = Math.max(callMs, returnMs - rng.range(0, 3));
    const roll = rng.int(100);
    const value = `x ${clientId} ${counter[clientId]!++} y`;
    const input: KvInput = roll < 45 ? { type: 'get', key } : roll < 50 ? { type: 'put', key, value } : { type: 'append', key, value };
    planned.push({ clientId, input, callMs, returnMs, atMs, seq: i });
  }
  // The test stops: operations still in flight then never return (the ones applied by then took effect).
  const endMs = Math.max(...planned.map((p) => p.callMs));
  for (const p of planned) {
    if (p.returnMs! <= endMs) continue;
    p.returnMs = null;
    if (p.atMs! > endMs) p.atMs = null;
  }
  const state = new Map<string, string>();
  const outputs = new Map<Planned, KvOutput>();
  for (const p of planned.filter((q) => q.atMs !== null).sort((a, b) => a.atMs! - b.atMs! || a.seq - b.seq)) {
    const cur = state.get(p.input.key) ?? '';
    if (p.input.type === 'get') outputs.set(p, cur);
    else {
      state.set(p.input.key, p.input.type === 'put' ? p.input.value : cur + p.input.value);
      outputs.set(p, null);
    }
  }
  return planned.map((p) => ({ clientId: p.clientId, input: p.input, output: p.returnMs === null ? undefined : outputs.get(p), callMs: p.callMs, returnMs: p.returnMs }));
}

/** One completed read made to answer what no write gave: a cas register read answers 7, a get gains a character. */
function corruptRead<I extends { type: string }, O>(history: readonly Operation<I, O>[], seed: number, isRead: (i: I) => boolean, wrong: (o: O) => O): Operation<I, O>[] {
  const rng = new Prng(`corrupt-read/${seed}`);
  const reads = history.map((op, i) => [op, i] as const).filter(([op]) => op.returnMs !== null && isRead(op.input));
  const [victim, index] = reads[Math.floor(reads.length / 3) + rng.int(Math.max(1, Math.floor(reads.length / 3)))]!;
  const copy = history.slice();
  copy[index] = { ...victim, output: wrong(victim.output as O) };
  return copy;
}

interface Shaped {
  readonly name: string;
  readonly kind: 'cas' | 'kv';
  readonly model: Model<unknown, unknown, unknown>;
  readonly history: readonly Operation<unknown, unknown>[];
  readonly expect: 'ok' | 'illegal';
}

function shapedHistories(): Shaped[] {
  const out: Shaped[] = [];
  for (const seed of [1, 2, 3]) {
    const etcd = etcdLike(1000, seed);
    out.push({ name: `etcd-like-${seed}-ok`, kind: 'cas', model: casRegisterModel as Model<unknown, unknown, unknown>, history: etcd as Operation<unknown, unknown>[], expect: 'ok' });
    const badEtcd = corruptRead(etcd, seed, (i) => i.type === 'read', () => 7);
    out.push({ name: `etcd-like-${seed}-bad`, kind: 'cas', model: casRegisterModel as Model<unknown, unknown, unknown>, history: badEtcd as Operation<unknown, unknown>[], expect: 'illegal' });
  }
  for (const seed of [1, 2, 3]) {
    const kv = kvLike(2000, seed, 20);
    out.push({ name: `kv-like-${seed}-ok`, kind: 'kv', model: kvModel as Model<unknown, unknown, unknown>, history: kv as Operation<unknown, unknown>[], expect: 'ok' });
    const badKv = corruptRead(kv, seed, (i) => i.type === 'get', (o) => `${o as string}x`);
    out.push({ name: `kv-like-${seed}-bad`, kind: 'kv', model: kvModel as Model<unknown, unknown, unknown>, history: badKv as Operation<unknown, unknown>[], expect: 'illegal' });
  }
  return out;
}

/** The history as Porcupine's Go program reads it: pending operations have `ret: null` and no output. */
function toJson(s: Shaped): string {
  const ops = s.history.map((o) => ({ client: o.clientId, input: o.input, output: o.output === undefined ? null : o.output, pending: o.returnMs === null, call: o.callMs, ret: o.returnMs }));
  return JSON.stringify({ name: s.name, kind: s.kind, expect: s.expect, ops });
}

console.log(`\nPorcupine-shaped histories (${runs} runs each; wall ms, CPU ms; verdict, steps):`);
if (jsonDir !== undefined) mkdirSync(jsonDir, { recursive: true });
for (const s of shapedHistories()) {
  if (jsonDir !== undefined) writeFileSync(join(jsonDir, `${s.name}.json`), toJson(s));
  const times: number[] = [];
  const cpus: number[] = [];
  let r: LinearizabilityResult<unknown, unknown> | null = null;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    r = checkOperations(s.model, s.history, { shouldStop: () => performance.now() - t0 > 10_000 });
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const pending = s.history.filter((o) => o.returnMs === null).length;
  const wrong = r!.verdict !== s.expect ? `  (EXPECTED ${s.expect})` : '';
  console.log(`${s.name.padEnd(20)} ${String(s.history.length).padStart(5)} ops, ${String(pending).padStart(3)} pending: ${r!.verdict.padEnd(8)} median ${times[Math.floor(times.length / 2)]!.toFixed(2).padStart(8)} ms (min ${times[0]!.toFixed(2)}, cpu median ${cpus[Math.floor(cpus.length / 2)]!.toFixed(1)}), ${r!.steps.toLocaleString('en-US')} steps${wrong}`);
}
