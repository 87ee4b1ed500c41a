/**
 * What an outbox run must show once it has gone quiet (sources: Chris Richardson, microservices.io
 * "Pattern: Transactional outbox" and "Pattern: Idempotent consumer"; Debezium's outbox event router):
 * - publish: every message is a change the producer's database had already committed, under one
 *   id per change (never a rolled-back or uncommitted change: no dual write); every committed
 *   change is published at least once, also after crashes (the relay resumes); and once all is
 *   acknowledged the relay stops publishing;
 * - consumer: each committed change takes effect exactly once (movements/<account> counts them) and
 *   the consumer's balance/<account> equals the producer's latest committed state, never going
 *   back to an older version on the way.
 */
import { describeEvent, type OutboxWorld } from './world';

export interface CheckScope {
  /** Check the consumer's state too (off for stages about the producer side only). */
  readonly consumer: boolean;
  /** The relay must not publish after this time (everything was acknowledged long before). */
  readonly quietFromMs: number;
}

/** The first broken promise of the run, or null when every property holds. */
export function verifyOutbox(world: OutboxWorld, scope: CheckScope): string | null {
  if (world.problems.length > 0) return world.problems[0]!;
  const publishViolation = world.violations.find((v) => !v.startsWith('an older event'));
  if (publishViolation !== undefined) return publishViolation;

  for (const c of world.commands) {
    if (c.outcome === 'rejected' && c.command.delta > 0) return `the deposit ${c.command.id} (${c.command.account} +${c.command.delta}) was rejected: ${c.error ?? ''}. Only a withdrawal that would make the balance negative is refused.`;
  }
  for (const c of world.commands) {
    const held = c.balanceAtRollback;
    if (c.outcome === 'rejected' && held !== undefined && held + c.command.delta >= 0) {
      return `the withdrawal ${c.command.id} (${c.command.account} ${c.command.delta}) was refused, though account/${c.command.account} held ${held} when its transaction ran. Only a withdrawal that would make the balance negative is refused.`;
    }
  }
  const byAccount = new Map<string, { ok: number; pending: number }>();
  for (const c of world.commands) {
    const n = byAccount.get(c.command.account) ?? { ok: 0, pending: 0 };
    if (c.outcome === 'ok') n.ok++;
    if (c.outcome === 'pending') n.pending++;
    byAccount.set(c.command.account, n);
  }
  for (const [account, n] of byAccount) {
    const changes = world.committed.filter((c) => c.account === account).length;
    if (changes < n.ok) return `${n.ok} commands on ${account} were answered ok, but the producer's database committed only ${changes} changes of account/${account}: a command must commit its change before it answers.`;
    if (changes > n.ok + n.pending) return `account/${account} has ${changes} committed changes, more than the ${n.ok + n.pending} commands that could have made them.`;
  }

  const published = new Set(world.log.map((e) => `${e.message.account}#${e.message.version}`));
  const missing = world.committed.find((c) => !published.has(`${c.account}#${c.version}`));
  if (missing !== undefined) {
    const crashAfter = world.steps.find((st) => st.side === 'producer' && st.crash !== undefined && st.t >= missing.t);
    const failedPublishes = world.publishAttempts - world.publishes + world.lostAcks;
    const why: string[] = [];
    if (crashAfter !== undefined) {
      why.push(
        `the producer crashed at t=${crashAfter.t} (${crashAfter.crash} step #${crashAfter.i}, a ${crashAfter.kind}), after this change committed: the event must survive in the producer's database (an outbox row from the same transaction) until the broker acknowledges it, and the next incarnation's relay must publish it`,
      );
    }
    if (failedPublishes > 0) why.push(`${failedPublishes} publishes failed or lost their acknowledgement: a row may be marked sent only after its publish resolved, and is retried otherwise`);
    if (why.length === 0) why.push('neither a crash nor a failed publish: does every committed change get an outbox row, and does the relay publish every row?');
    return `the committed change ${missing.account} v${missing.version} (balance ${missing.balance}, t=${missing.t}) was never published by t=${world.nowMs()}; ${why.join('; ')}.`;
  }
  if (world.lastPublishAtMs > scope.quietFromMs) {
    return `the relay was still publishing at t=${world.lastPublishAtMs}, long after every change had been acknowledged (${world.publishes} publishes for ${world.committed.length} changes): mark a row sent once the broker acknowledges it.`;
  }
  if (!scope.consumer) return null;

  const goneBack = world.violations.find((v) => v.startsWith('an older event'));
  if (goneBack !== undefined) return `${goneBack}. Apply an event only if its version is newer than the one stored.`;
  const accounts = [...new Set(world.committed.map((c) => c.account))].sort();
  for (const account of accounts) {
    const changes = world.committed.filter((c) => c.account === account);
    const latest = changes.reduce((a, b) => (b.version > a.version ? b : a));
    const view = world.consumerRow(`balance/${account}`) as { balance?: unknown; version?: unknown } | undefined;
    const deliveries = world.log.filter((e) => e.message.account === account).reduce((n, e) => n + e.deliveries.length, 0);
    if (view === undefined || view.balance !== latest.balance || view.version !== latest.version) {
      const shown = view === undefined ? 'absent' : `version ${String(view.version)}, balance ${String(view.balance)}`;
      return `the consumer's balance/${account} is ${shown}, but the producer committed version ${latest.version} with balance ${latest.balance} (${deliveries} deliveries of ${account}'s events, ${world.consumerProc.crashes} consumer crashes).`;
    }
    const movements = world.consumerRow(`movements/${account}`);
    if (movements !== changes.length) {
      const dupes = world.log.filter((e) => e.message.account === account && e.deliveries.length > 1).map((e) => describeEvent(e.message));
      return (
        `movements/${account} is ${JSON.stringify(movements ?? null)}, but ${account} had ${changes.length} committed changes: each event must take effect exactly once` +
        (dupes.length > 0 ? ` (delivered more than once: ${dupes.slice(0, 3).join('; ')})` : '') +
        '. Record the message id in the same transaction as its effect and skip an id already recorded.'
      );
    }
  }
  const unacked = world.log.find((e) => e.unackedChains > 0);
  if (unacked !== undefined) {
    const n = unacked.deliveries.length;
    return `the consumer never acknowledged ${describeEvent(unacked.message)} (stored at t=${unacked.t}, delivered ${n} time${n === 1 ? '' : 's'}): resolve handle for every message once its effect is committed, duplicates included, or the broker redelivers it for ever.`;
  }
  for (const key of ['balance/', 'movements/']) {
    const stray = [...world.consumerProc.db.data.keys()].find((k) => k.startsWith(key) && !accounts.includes(k.slice(key.length)));
    if (stray !== undefined) return `the consumer has ${stray}, but the producer never committed a change of that account.`;
  }
  return null;
}
