/** Server-only scenario: the classic stale read from a deposed leader that does not know it yet. */
import type { RaftCluster } from '../../engine/raft/cluster/raft-cluster';
import type { World } from '../../engine/raft/scenarios/scenario';
import type { KvService } from './kv-harness';

function complete(cluster: RaftCluster, kv: KvService, client: number, within: number): boolean {
  return cluster.runUntil(() => kv.isIdle(client), within);
}

/**
 * Client 0 writes v1 and it commits. The leader is cut off with no quorum (it still believes it
 * leads: no CheckQuorum). Client 0 writes v2 through the majority's new leader; only after that
 * completes does client 1 ask the old leader for the value.
 */
export function staleLeaderRead(w: { world: World; cluster: RaftCluster; kv: KvService }): void {
  const { world, cluster: c, kv } = w;
  const leader = world.awaitLeader(5000);
  if (!world.expect(leader !== null, 'no leader elected within 5 s')) return;
  kv.pointAt(0, leader!);
  kv.submit(0, { type: 'put', key: 'k', value: 'v1' });
  if (!world.expect(complete(c, kv, 0, 3000), 'put(k, v1) did not complete on a healthy cluster')) return;
  c.runForMs(200);
  const rest = c.ids.filter((id) => id !== leader);
  c.partition([[leader!], rest]);
  kv.pointAt(0, rest[0]!);
  kv.submit(0, { type: 'put', key: 'k', value: 'v2' });
  if (!world.expect(complete(c, kv, 0, 5000), `put(k, v2) did not complete through the majority ${rest.join(',')}`)) return;
  world.expect(c.node(leader!)!.role() === 'leader', '(scenario) the cut-off leader stepped down');
  c.runForMs(20);
  kv.pointAt(1, leader!);
  kv.submit(1, { type: 'get', key: 'k' });
  world.expect(complete(c, kv, 1, 5000), 'get(k) never completed');
  c.heal();
  c.runForMs(500);
}
