import { describe, expect, it } from 'vitest';
import { KvService, type GetPlan, type ServerView } from '../../../engine/raft/kv/kv-service';
import { KvStateMachine } from '../../../engine/raft/kv/kv-state-machine';
import { World } from '../../../engine/raft/scenarios/scenario';
import { Prng } from '../../../engine/sim/prng';

/** A 5-node cluster with two clients; client 0 has put k=v1 through the leader, and every node has applied it. */
function setUp(readMode: 'log' | 'read-index', planGet?: (server: ServerView) => GetPlan) {
  const world = new World({ nodes: 5, seed: 42, stateMachineFor: () => new KvStateMachine() });
  const c = world.cluster;
  const kv = new KvService(c, { clients: 2, readMode, planGet }, new Prng(42).fork('clients'));
  const leader = world.awaitLeader(5000)!;
  expect(leader).not.toBeNull();
  kv.pointAt(0, leader);
  kv.submit(0, { type: 'put', key: 'k', value: 'v1' });
  expect(c.runUntil(() => kv.isIdle(0), 3000)).toBe(true);
  c.runForMs(300);
  const follower = c.ids.find((id) => id !== leader)!;
  return { world, c, kv, leader, follower };
}

function lastGet(kv: KvService) {
  return kv.history.operations().filter((op) => op.input.type === 'get').at(-1)!;
}

describe('KvService planGet seam', () => {
  it('asks planGet how to answer a get, with the server view; "local" answers from that server', () => {
    const views: ServerView[] = [];
    const { c, kv, leader, follower } = setUp('read-index', (server) => (views.push(server), 'local'));
    const logBefore = c.node(leader)!.commitIndex();
    kv.pointAt(1, follower);
    kv.submit(1, { type: 'get', key: 'k' });
    expect(c.runUntil(() => kv.allIdle(), 1000)).toBe(true);
    expect(lastGet(kv).output).toBe('v1');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ id: follower, role: 'follower', leaderId: leader });
    c.runForMs(300);
    expect(c.node(leader)!.commitIndex()).toBe(logBefore); // nothing went through the log
  });

  it('"redirect" sends the client on; the leader\'s "read-index" answers', () => {
    const asked: number[] = [];
    const { c, kv, leader, follower } = setUp('read-index', (server) => (asked.push(server.id), server.role === 'leader' ? 'read-index' : 'redirect'));
    kv.pointAt(1, follower);
    kv.submit(1, { type: 'get', key: 'k' });
    expect(c.runUntil(() => kv.allIdle(), 2000)).toBe(true);
    expect(lastGet(kv).output).toBe('v1');
    expect(asked).toEqual([follower, leader]);
  });

  it('readMode "log" puts every get through the log without asking planGet', () => {
    let asked = 0;
    const { c, kv, leader } = setUp('log', () => (asked++, 'local'));
    const before = c.node(leader)!.commitIndex();
    kv.pointAt(1, leader);
    kv.submit(1, { type: 'get', key: 'k' });
    expect(c.runUntil(() => kv.allIdle(), 2000)).toBe(true);
    expect(lastGet(kv).output).toBe('v1');
    expect(asked).toBe(0);
    expect(c.node(leader)!.commitIndex()).toBe(before + 1);
  });

  it('rejects a plan it does not know when the request arrives', () => {
    const { c, kv, leader } = setUp('read-index', () => 'stale' as GetPlan);
    kv.pointAt(1, leader);
    kv.submit(1, { type: 'get', key: 'k' });
    expect(() => c.runForMs(100)).toThrow(/planGet returned "stale"/);
  });
});
