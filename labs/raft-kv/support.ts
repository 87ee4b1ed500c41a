/** Helpers shared by the visible and hidden tests: entries for direct checks, and graded simulation runs. */
import { attachTrace, expect } from '../../grader/harness/api';
import type { Operation } from '../../engine/check/history';
import type { KvInput, KvOutput } from '../../engine/check/models/kv-model';
import type { World } from '../../engine/raft/scenarios/scenario';
import type { RaftCluster } from '../../engine/raft/cluster/raft-cluster';
import type { Entry, KvOp } from './api';
import { checkHistory, type KvService } from './kv-harness';

let nextIndex = 1;

/** A committed entry carrying client `clientId`'s command number `seq`. */
export function command(clientId: number, seq: number, op: KvOp): Entry {
  return { index: nextIndex++, term: 1, data: { clientId, seq, op } };
}

export function noOp(): Entry {
  return { index: nextIndex++, term: 1, data: null };
}

export const put = (key: string, value: string): KvOp => ({ type: 'put', key, value });
export const append = (key: string, value: string): KvOp => ({ type: 'append', key, value });
export const get = (key: string): KvOp => ({ type: 'get', key });

type Op = Operation<KvInput, KvOutput>;

function showOp(op: Op): string {
  const i = op.input;
  const what = i.type === 'get' ? `get(${i.key}) → ${op.output === undefined ? '?' : JSON.stringify(op.output)}` : `${i.type}(${i.key}, ${JSON.stringify(i.value)})`;
  return `client ${op.clientId}: ${what} [${op.callMs}–${op.returnMs ?? '…'} ms]`;
}

/** Reads the broken partition for the usual suspects and says where to look. */
function diagnose(partition: readonly Op[]): string {
  for (const op of partition) {
    if (op.input.type === 'get' && op.returnMs !== null && op.output === null) {
      return `A get was answered null (${showOp(op)}): a get always answers a string (its value, '' when missing). A retried command must be answered with the result it got the first time.`;
    }
    if (op.input.type === 'get' && typeof op.output === 'string') {
      const tokens = op.output.split(';').filter((t) => t !== '');
      const seen = new Set<string>();
      for (const t of tokens) {
        if (seen.has(t)) return `${showOp(op)} holds the append "${t};" twice: a command was applied more than once (a retry after a lost reply, a late duplicate, or a retry after a server restored a snapshot). Keep one session per client (last seq and its result), skip any command whose seq is not newer, and put the sessions in the snapshot.`;
        seen.add(t);
      }
    }
  }
  return 'A get returned a value that no linearization explains: typically a stale read, a value older than a write that had already completed when the get was sent. Only the leader may answer a get, and only after confirming it is still the leader (ReadIndex) or by putting the get through the log.';
}

export interface GradedRun {
  readonly seed: number;
  readonly world: World;
  readonly cluster: RaftCluster;
  readonly kv: KvService;
}

/**
 * Runs the scenario, checks the history for linearizability (KV model, per key), attaches the
 * evidence (the broken key's history around the failure and the end of the trace), and fails
 * with the first problem, its seed and where to look.
 */
export function gradedRun(run: GradedRun, scenario: string, body: () => void): { ops: number } {
  let ops = 0;
  let failure: string | null = null;
  try {
    body();
    const { verdict, text, ops: n } = checkHistory(run.kv);
    ops = n;
    const problems = run.world.result().failures;
    if (verdict.verdict === 'illegal') {
      const prefix = verdict.longestPrefix.slice(-12).map(showOp);
      const stuck = verdict.firstUnlinearizable === null ? null : showOp(verdict.firstUnlinearizable);
      attachTrace({
        seed: run.seed,
        verdict: 'illegal',
        key: verdict.partition[0]?.input.key,
        longestLinearizablePrefixTail: prefix,
        cannotPlace: stuck,
        history: verdict.partition.slice(-80).map(showOp),
        events: run.cluster.traceEvents().slice(-150),
      });
      failure = `not linearizable: ${text.split('\n')[0]} ${stuck === null ? '' : `The first operation that cannot be placed: ${stuck}.`} ${diagnose(verdict.partition)}`;
    } else if (verdict.verdict === 'unknown') {
      failure = `the linearizability check could not decide within its budget (${text}); this should not happen with a correct service`;
    } else if (problems.length > 0) {
      attachTrace({ seed: run.seed, events: run.cluster.traceEvents().slice(-300) });
      const p = problems[0]!;
      failure = `${p}${/clients still waiting|operations completed/.test(p) ? '. Liveness: after the faults end every retried command must get an answer: check that a duplicate is answered (with its first result) rather than dropped.' : ''}`;
    }
  } catch (e) {
    attachTrace({ seed: run.seed, events: run.cluster.traceEvents().slice(-300) });
    throw e;
  }
  if (failure !== null) expect(failure === null, `${scenario} (seed ${run.seed}, ${ops} operations): ${failure}`).toBe(true);
  return { ops };
}
