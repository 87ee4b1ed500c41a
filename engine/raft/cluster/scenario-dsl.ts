/**
 * A small text DSL for Raft scenarios, in the spirit of etcd raft's interaction tests. One
 * command per line; `#` starts a comment. The output echoes each command and what it printed, so
 * a script plus a seed has one exact, golden transcript.
 *
 *   add-nodes 5 [prevote] [checkquorum] [snapshot-every=N]   create the cluster (first command)
 *   network reliable|unreliable|long-reordering|unreliable-reordering
 *   partition 1 2 | 3 4 5      arbitrary groups;  isolate 3;  heal
 *   crash 3;  restart 3
 *   tick 100                   advance 100 ticks of virtual time
 *   propose x                  at the current leader;  propose-at 2 x  at node 2
 *   stabilize                  run until one leader committed its whole log and every live node applied it
 *   status                     one line per node;  log 2  the entries of node 2
 */
import { AppliedLogStateMachine } from '../applied-log-state-machine';
import type { NodeId } from '../types';
import { RaftInvariantChecker } from '../raft-invariants';
import { NETWORK_PRESETS } from '../../sim/network-profile';
import type { Seed } from '../../sim/prng';
import { RaftCluster } from './raft-cluster';

export interface DslRun {
  readonly output: string;
  readonly cluster: RaftCluster | null;
  readonly checker: RaftInvariantChecker | null;
}

export class DslError extends Error {}

export function runScript(script: string, seed: Seed): DslRun {
  let cluster: RaftCluster | null = null;
  let checker: RaftInvariantChecker | null = null;
  const out: string[] = [];
  const need = (): RaftCluster => {
    if (cluster === null) throw new DslError('add-nodes must come first');
    return cluster;
  };
  const nodeArg = (c: RaftCluster, s: string | undefined): NodeId => {
    const id = Number(s);
    if (!Number.isInteger(id) || !c.ids.includes(id)) throw new DslError(`no node ${s}`);
    return id;
  };
  const lines = script.split('\n');
  lines.forEach((raw, lineNo) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    out.push(`> ${line}`);
    const [cmd, ...args] = line.split(/\s+/);
    try {
      switch (cmd) {
        case 'add-nodes': {
          if (cluster !== null) throw new DslError('add-nodes twice');
          const n = Number(args[0]);
          const every = args.find((a) => a.startsWith('snapshot-every='));
          cluster = new RaftCluster({
            nodes: n,
            seed,
            preVote: args.includes('prevote'),
            checkQuorum: args.includes('checkquorum'),
            snapshotEveryEntries: every === undefined ? null : Number(every.split('=')[1]),
            stateMachineFor: () => new AppliedLogStateMachine(),
          });
          checker = new RaftInvariantChecker(cluster.trace);
          cluster.addObserver(checker);
          break;
        }
        case 'network': {
          const p = NETWORK_PRESETS[args[0] ?? ''];
          if (p === undefined) throw new DslError(`unknown network preset ${args[0]}`);
          need().setNetwork(p);
          break;
        }
        case 'partition': {
          const c = need();
          const groups = args.join(' ').split('|').map((g) => g.trim().split(/\s+/).filter((x) => x !== '').map((x) => nodeArg(c, x)));
          c.partition(groups);
          break;
        }
        case 'isolate':
          need().isolate(nodeArg(need(), args[0]));
          break;
        case 'heal':
          need().heal();
          break;
        case 'crash':
          need().crash(nodeArg(need(), args[0]));
          break;
        case 'restart':
          need().restart(nodeArg(need(), args[0]));
          break;
        case 'tick': {
          const c = need();
          const n = Number(args[0] ?? 1);
          if (!Number.isInteger(n) || n < 0) throw new DslError(`bad tick count ${args[0]}`);
          c.runForMs(n * c.tickMs);
          break;
        }
        case 'propose':
        case 'propose-at': {
          const c = need();
          const at = cmd === 'propose-at' ? nodeArg(c, args.shift()) : c.leader();
          const value = args.join(' ');
          const pos = at === null ? null : c.propose(value, at);
          out.push(pos === null ? `rejected (${at === null ? 'no leader' : `node ${at} is not the leader`})` : `node ${at} appended ${JSON.stringify(value)} at index ${pos.index} term ${pos.term}`);
          break;
        }
        case 'stabilize': {
          const c = need();
          const ok = c.runUntil(() => {
            const l = c.agreedLeader();
            if (l === null) return false;
            const leader = c.node(l)!;
            const commit = leader.commitIndex();
            if (commit !== leader.log().lastIndex()) return false;
            return c.ids.every((id) => !c.isUp(id) || c.appliedIndex(id) >= commit);
          }, 10_000);
          out.push(ok ? `stable at ${c.nowMs()} ms: leader ${c.agreedLeader()}` : `not stable after 10000 ms`);
          break;
        }
        case 'status': {
          const c = need();
          for (const id of c.ids) {
            const n = c.node(id);
            if (n === null) out.push(`${id}: down (disk term=${c.disk(id).hardState()?.term ?? 0} last=${c.disk(id).lastIndex()})`);
            else out.push(`${id}: ${n.role()} term=${n.term()} commit=${n.commitIndex()} applied=${c.appliedIndex(id)} last=${n.log().lastIndex()}`);
          }
          break;
        }
        case 'log': {
          const c = need();
          const n = c.node(nodeArg(c, args[0]));
          if (n === null) {
            out.push('down');
            break;
          }
          const log = n.log();
          if (log.snapshotIndex() > 0) out.push(`snapshot through ${log.snapshotIndex()} (term ${log.snapshotTerm()})`);
          for (let i = log.firstIndex(); i <= log.lastIndex(); i++) {
            const e = log.entryAt(i)!;
            out.push(`${e.index}/${e.term} ${e.data === null ? '(no-op)' : JSON.stringify(e.data)}`);
          }
          break;
        }
        default:
          throw new DslError(`unknown command ${cmd}`);
      }
    } catch (e) {
      if (e instanceof DslError) throw new DslError(`line ${lineNo + 1}: ${e.message}`);
      throw e;
    }
  });
  if (checker !== null && !(checker as RaftInvariantChecker).ok) out.push(`INVARIANT VIOLATIONS:\n${(checker as RaftInvariantChecker).describe()}`);
  return { output: out.join('\n'), cluster, checker };
}
