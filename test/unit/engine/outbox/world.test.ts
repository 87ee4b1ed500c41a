import { describe, expect, it } from 'vitest';
import { BROKER_FLAKY, BROKER_RELIABLE, BROKER_REORDERING, BROKER_STORMY } from '@/engine/outbox/broker-profiles';
import { DEFAULT_WORKLOAD, generateWorkload, runOutbox, type Solution } from '@/engine/outbox/scenario';
import type { AccountEvent, Command, ProcessEnv, ProducerEnv } from '@/engine/outbox/types';
import { OutboxWorld, type CrashPoint } from '@/engine/outbox/world';
import { verifyOutbox } from '@/engine/outbox/checks';
import { Prng } from '@/engine/sim/prng';
import { AccountService, OutboxRelay, StatementConsumer } from '@/labs/outbox/.meta/reference';

const settle = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
const reference: Solution = { service: AccountService, relay: OutboxRelay, consumer: StatementConsumer };

/** The dual write: commit, then publish straight to the broker (no outbox). */
class DualWriteService {
  constructor(private readonly env: ProducerEnv) {}
  async handle(c: Command): Promise<void> {
    const message = await this.env.db.transaction((tx) => {
      const row = (tx.get(`account/${c.account}`) as { balance: number; version: number } | undefined) ?? { balance: 0, version: 0 };
      const balance = row.balance + c.delta;
      if (balance < 0) throw new Error('insufficient funds');
      tx.put(`account/${c.account}`, { balance, version: row.version + 1 });
      return { id: c.id, account: c.account, version: row.version + 1, balance, delta: c.delta };
    });
    await this.env.broker.publish(message);
  }
}
class IdleRelay {
  constructor(_env: ProducerEnv) {}
  async poll(): Promise<void> {}
}
/** Applies every delivery: no dedup, no version check. */
class NaiveConsumer {
  constructor(private readonly env: ProcessEnv) {}
  async handle(m: AccountEvent): Promise<void> {
    await this.env.db.transaction((tx) => {
      tx.put(`balance/${m.account}`, { balance: m.balance, version: m.version });
      tx.put(`movements/${m.account}`, ((tx.get(`movements/${m.account}`) as number | undefined) ?? 0) + 1);
    });
  }
}

const run = (solution: Solution, seed: number, broker = BROKER_STORMY, crashes: CrashPoint[] = []) =>
  runOutbox(solution, { seed, workload: generateWorkload(new Prng(seed).fork('workload'), DEFAULT_WORKLOAD), broker, crashes, consumer: true, settle });

describe('engine/outbox world', () => {
  it('the reference holds every property on every profile, with and without crashes', async () => {
    for (const broker of [BROKER_RELIABLE, BROKER_FLAKY, BROKER_REORDERING, BROKER_STORMY]) {
      for (let seed = 1; seed <= 4; seed++) {
        const crashes: CrashPoint[] = seed % 2 === 0 ? [] : [{ kind: 'producer commit', nth: seed + 1, when: 'after' }, { kind: 'consumer commit', nth: seed, when: 'after' }, { kind: 'publish', nth: 2, when: 'after' }];
        const r = await run(reference, seed, broker, crashes);
        expect(r.failure, JSON.stringify(r.world.trace()).slice(0, 3000)).toBeNull();
        expect(r.world.committed.length).toBeGreaterThan(3);
      }
    }
  });

  it('is deterministic: the same seed gives the same run', async () => {
    const a = await run(reference, 7);
    const b = await run(reference, 7);
    expect(JSON.stringify(a.world.trace())).toBe(JSON.stringify(b.world.trace()));
  });

  it('lets promise callbacks settle after every event that ran the code under test: long microtask chains change nothing', async () => {
    const yieldMany = async () => {
      for (let i = 0; i < 60; i++) await null;
    };
    class SlowService extends AccountService {
      override async handle(c: Command): Promise<void> {
        await yieldMany();
        return super.handle(c);
      }
    }
    class SlowRelay extends OutboxRelay {
      override async poll(): Promise<void> {
        await yieldMany();
        await super.poll();
        await yieldMany();
      }
    }
    class SlowConsumer extends StatementConsumer {
      override async handle(m: AccountEvent): Promise<void> {
        await yieldMany();
        return super.handle(m);
      }
    }
    for (const [seed, broker] of [[3, BROKER_STORMY], [5, BROKER_FLAKY], [8, BROKER_REORDERING]] as const) {
      const crashes: CrashPoint[] = [{ kind: 'publish', nth: 2, when: 'after' }, { kind: 'consumer commit', nth: 3, when: 'after' }];
      const plain = await run(reference, seed, broker, crashes);
      const slow = await run({ service: SlowService, relay: SlowRelay, consumer: SlowConsumer }, seed, broker, crashes);
      expect(slow.failure).toBeNull();
      expect(JSON.stringify(slow.world.trace())).toBe(JSON.stringify(plain.world.trace()));
    }
  });

  it('catches the dual write when the producer crashes between commit and publish', async () => {
    const r = await run({ service: DualWriteService, relay: IdleRelay, consumer: StatementConsumer }, 3, BROKER_RELIABLE, [{ kind: 'publish', nth: 2, when: 'before' }]);
    expect(r.failure).toMatch(/never published/);
  });

  it('catches a consumer without dedup under duplicate delivery', async () => {
    let caught = 0;
    for (let seed = 1; seed <= 4; seed++) if ((await run({ ...reference, consumer: NaiveConsumer }, seed, BROKER_REORDERING)).failure !== null) caught++;
    expect(caught).toBeGreaterThan(0);
  });

  it('a crash before a commit loses the transaction; a crash after it keeps it', async () => {
    for (const when of ['before', 'after'] as const) {
      const w = new OutboxWorld({ seed: 1, settle, ...reference, crashes: [{ kind: 'producer commit', nth: 1, when }] });
      w.command({ id: 'c1', account: 'a', delta: 50 }, 0);
      await w.run(1500);
      expect(w.producer.crashes).toBe(1);
      expect(w.producerRow('account/a') ?? null).toEqual(when === 'before' ? null : { balance: 50, version: 1 });
      expect(w.commands[0]!.outcome).toBe('pending');
      expect(verifyOutbox(w, { consumer: true, quietFromMs: 1000 })).toBeNull();
      expect(w.consumerRow('movements/a') ?? 0).toBe(when === 'before' ? 0 : 1);
    }
  });

  it('a rolled-back transaction writes nothing and its command is rejected', async () => {
    const w = new OutboxWorld({ seed: 2, settle, ...reference });
    w.command({ id: 'c1', account: 'a', delta: -10 }, 0);
    await w.run(500);
    expect(w.commands[0]!.outcome).toBe('rejected');
    expect(w.commands[0]!.error).toBe('insufficient funds');
    expect(w.producerRow('account/a')).toBeUndefined();
    expect(w.committed).toEqual([]);
  });

  it('a lost acknowledgement still stores the message; a refused publish does not', async () => {
    const w = new OutboxWorld({ seed: 3, settle, ...reference, broker: BROKER_FLAKY });
    for (let i = 1; i <= 20; i++) w.command({ id: `c${i}`, account: 'a', delta: 10 }, i * 5);
    await w.run(3000);
    expect(w.publishAttempts).toBeGreaterThan(w.publishes);
    expect(w.lostAcks).toBeGreaterThan(0);
    expect(w.log.length).toBe(w.publishes);
    expect(new Set(w.log.map((e) => e.message.id)).size).toBe(20);
    expect(w.log.length).toBeGreaterThan(20);
    expect(verifyOutbox(w, { consumer: true, quietFromMs: 2200 })).toBeNull();
  });

  it('flags a publish of an uncommitted change and an older event overwriting a newer one', async () => {
    class EarlyPublisher extends DualWriteService {
      override async handle(c: Command): Promise<void> {
        await (this as unknown as { env: ProducerEnv }).env.broker.publish({ id: c.id, account: c.account, version: 1, balance: c.delta, delta: c.delta });
      }
    }
    const w = new OutboxWorld({ seed: 4, settle, service: EarlyPublisher, relay: IdleRelay, consumer: NaiveConsumer });
    w.command({ id: 'c1', account: 'a', delta: -10 }, 0);
    await w.run(500);
    expect(verifyOutbox(w, { consumer: true, quietFromMs: 400 })).toMatch(/had not committed version 1 of a/);

    const r = await run({ ...reference, consumer: NaiveConsumer }, 3, BROKER_REORDERING);
    expect(r.failure).toMatch(/older event overwrote a newer one|movements/);
  });
});
