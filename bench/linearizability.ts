/**
 * Linearizability checker speed on a generated KV history: 50 clients, 10,000 operations over a
 * handful of keys, with overlapping intervals. The legal history is built from a real sequential
 * execution (each op takes effect at a random point inside its interval); the illegal one is the
 * same history with one get answer corrupted (in an early key, then in the last key). Prints wall
 * time for each verdict, and as baselines measured in the same run the old order (each partition
 * searched to the end before the next, `sliceSteps: Infinity`): the fair turns between partitions
 * must cost about nothing on the legal history (the same steps); on an illegal one they trade the
 * luck of where the broken key sorts for a bound of about (partitions × its own search).
 *   npx tsx bench/linearizability.ts [operations] [clients]
 */
import type { Operation } from '../engine/check/history';
import { checkOperations, type CheckOptions, type LinearizabilityResult } from '../engine/check/linearizability';
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
  const r: LinearizabilityResult<KvInput, KvOutput> = checkOperations(kvModel, history, { ...options, shouldStop: () => performance.now() - t0 > timeoutMs });
  const ms = performance.now() - t0;
  const extra =
    r.verdict === 'illegal' ? `, longest linearizable prefix ${r.longestPrefix.length} of ${r.partition.length} ops in the broken key ${r.partition[0]!.input.key}` : r.verdict === 'unknown' ? `, ${r.reason}` : '';
  console.log(`${label.padEnd(28)} verdict ${r.verdict.padEnd(8)} in ${ms.toFixed(0).padStart(6)} ms (${r.steps.toLocaleString('en-US')} search steps, ${r.partitions} partitions${extra})`);
  return ms;
}

const operations = Number(process.argv[2] ?? 10_000);
const clients = Number(process.argv[3] ?? 50);
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
