/** Server-only scenarios of the hidden suite. */
import type { Snapshot } from '../../engine/raft/types';
import type { Json } from '../../engine/raft/types';
import { Prng } from '../../engine/sim/prng';
import type { SnapshotWorld } from './support';

/**
 * The leader is cut off alone and keeps appending entries nobody else gets (uncommitted, old
 * term) while the majority elects a new leader, commits and compacts. When the old leader returns,
 * its log reaches past the new leader's snapshot with the wrong terms: the snapshot must replace it.
 */
export function deposedLeaderReturns(sw: SnapshotWorld): void {
  const c = sw.cluster;
  const w = sw.world;
  const old = w.awaitLeader(5000);
  if (!sw.check(old !== null, 'no leader elected within 5 s')) return;
  w.one('start', 5);
  c.isolate(old!);
  for (let i = 0; i < 60; i++) {
    c.propose(`lost-${i}`, old!);
    c.runForMs(5);
  }
  const rest = c.ids.filter((id) => id !== old);
  const next = w.awaitLeader(5000, rest);
  if (!sw.check(next !== null, `the majority ${rest.join(',')} elected no leader while node ${old} was cut off`)) return;
  for (let i = 0; i < 30; i++) w.one(`kept-${i}`, 3);
  const snapIndex = c.node(next!)!.log().snapshotIndex();
  const oldLog = c.node(old!)!.log();
  sw.check(oldLog.lastIndex() > snapIndex, `(scenario) node ${old}'s log does not reach past the new leader's snapshot`);
  const sentBefore = sw.snapshotsSentTo(old!);
  c.heal();
  const caughtUp = c.runUntil(() => c.appliedIndex(old!) >= snapIndex, 3000);
  const sent = sw.snapshotsSentTo(old!) - sentBefore;
  sw.check(
    caughtUp,
    `node ${old} (the deposed leader, log through ${oldLog.lastIndex()} in its old term) never caught up: 3 s after it returned it had applied ${c.appliedIndex(old!)} of the new leader's snapshot at ${snapIndex} although ${sent} InstallSnapshot were sent to it`,
  );
  sw.check(sent <= 6, `node ${old} needed ${sent} InstallSnapshot messages to catch up (expected at most a few): it ignored snapshots it should have installed`);
  w.one('after', 5);
  sw.converge();
}

/**
 * A follower gets, from the current leader, a delayed duplicate of an InstallSnapshot that is
 * older than what it has already applied (but newer than its own local snapshot).
 */
export function lateOldSnapshot(sw: SnapshotWorld): void {
  const c = sw.cluster;
  const w = sw.world;
  const leader = w.awaitLeader(5000);
  if (!sw.check(leader !== null, 'no leader elected within 5 s')) return;
  const victim = c.ids.find((id) => id !== leader)!;
  let target = -1;
  for (let i = 0; i < 60; i++) {
    w.one(`v${i}`, 3);
    const n = c.node(victim)!;
    const commit = n.commitIndex();
    if (commit >= 12 && commit - n.log().snapshotIndex() >= 2 && c.appliedIndex(victim) === commit) {
      target = commit - 1;
      break;
    }
  }
  if (!sw.check(target > 0, '(scenario) the follower never reached a point between two of its snapshots')) return;
  const values: Json[] = [];
  for (let i = 1; i <= target; i++) {
    const payload = sw.world.checker.appliedPayloadAt(i);
    if (payload !== undefined && payload !== 'null') values.push(JSON.parse(payload) as Json);
  }
  const term = sw.world.checker.committedTermAt(target) ?? c.node(leader!)!.log().termAt(target) ?? 1;
  const snapshot: Snapshot = { meta: { index: target, term, voters: c.ids }, data: values };
  const appliedBefore = c.appliedIndex(victim);
  c.send({ type: 'InstallSnapshot', from: leader!, to: victim, term: c.node(leader!)!.term(), snapshot, round: 0 });
  c.runForMs(100);
  sw.check(
    c.appliedIndex(victim) >= appliedBefore,
    `node ${victim} had applied through ${appliedBefore} when a late InstallSnapshot through ${target} arrived, and its state machine went back to ${c.appliedIndex(victim)}`,
  );
  for (let i = 0; i < 5; i++) w.one(`after-${i}`, 3);
  sw.converge();
}

/** A follower cut off for 40 entries rejoins and is crashed at random moments while the snapshot is in flight or being installed. */
export function crashDuringInstall(sw: SnapshotWorld, seed: number): void {
  const c = sw.cluster;
  const w = sw.world;
  const rng = new Prng(seed).fork('crash-during-install');
  const leader = w.awaitLeader(5000);
  if (!sw.check(leader !== null, 'no leader elected within 5 s')) return;
  const victim = c.ids.find((id) => id !== leader)!;
  c.isolate(victim);
  for (let i = 0; i < 40; i++) w.one(`v${i}`, 2);
  c.heal();
  for (let k = 0; k < 6; k++) {
    c.runForMs(rng.range(0, 120));
    c.crash(victim);
    c.runForMs(rng.range(0, 50));
    c.restart(victim);
  }
  w.one('after', 3);
  sw.check(sw.installedSnapshot(victim), `node ${victim} missed 40 compacted entries but never installed a snapshot`);
  sw.converge();
  const disk = c.disk(victim).read();
  sw.check(disk.snapshot !== null && disk.snapshot.meta.index > 0, `node ${victim}'s disk holds no snapshot after catching up`);
}

/** A follower catches up by snapshot; then every node crashes and restarts from its disk (snapshot + log suffix). */
export function restartFromSnapshot(sw: SnapshotWorld): void {
  const c = sw.cluster;
  const w = sw.world;
  const leader = w.awaitLeader(5000);
  if (!sw.check(leader !== null, 'no leader elected within 5 s')) return;
  const victim = c.ids.find((id) => id !== leader)!;
  const values: string[] = [];
  for (let i = 0; i < 15; i++) {
    values.push(`s${i}`);
    w.one(`s${i}`, 3);
  }
  c.isolate(victim);
  for (let i = 15; i < 40; i++) {
    values.push(`s${i}`);
    w.one(`s${i}`, 2);
  }
  c.heal();
  w.one('joined', 3);
  values.push('joined');
  sw.check(sw.installedSnapshot(victim), `node ${victim} missed 25 compacted entries but never installed a snapshot`);
  for (const id of c.ids) c.crash(id);
  for (const id of c.ids) c.restart(id);
  for (const id of c.ids) {
    sw.check(c.appliedIndex(id) === c.disk(id).snapshotIndex(), `node ${id} restarted at applied ${c.appliedIndex(id)} instead of its snapshot ${c.disk(id).snapshotIndex()}`);
  }
  w.one('after-restart', 3);
  values.push('after-restart');
  sw.converge();
  const want = JSON.stringify(values);
  for (const id of c.ids) {
    const have = JSON.stringify(c.stateMachine(id).snapshot());
    sw.check(have === want, `after the restart node ${id}'s state machine is ${have.slice(0, 160)}, expected every committed value once, in order`);
  }
}
