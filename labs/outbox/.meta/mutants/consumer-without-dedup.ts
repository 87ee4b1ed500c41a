/** Mutant: the consumer keeps no record of processed ids: a duplicate delivery counts the movement twice (the version guard alone hides it in the balance). */
import type { AccountEvent, Command, ProcessEnv, ProducerEnv } from '../../api';

interface AccountRow {
  balance: number;
  version: number;
}

/**
 * The business change and its outbox row in one local transaction (the local message table): the
 * row is committed exactly when the change is, so a rollback or a crash before the commit leaves
 * no message behind, and a crash after it leaves one for the relay. Outbox keys carry a sequence
 * number from the same transaction, so the relay reads them in commit order.
 */
export class AccountService {
  constructor(private readonly env: ProducerEnv) {}

  async handle(command: Command): Promise<void> {
    await this.env.db.transaction((tx) => {
      const key = 'account/' + command.account;
      const row = (tx.get(key) as AccountRow | undefined) ?? { balance: 0, version: 0 };
      const balance = row.balance + command.delta;
      if (balance < 0) throw new Error('insufficient funds');
      const version = row.version + 1;
      tx.put(key, { balance, version });
      const seq = ((tx.get('outbox-seq') as number | undefined) ?? 0) + 1;
      tx.put('outbox-seq', seq);
      tx.put('outbox/' + String(seq).padStart(8, '0'), { id: command.id, account: command.account, version, balance, delta: command.delta });
    });
  }
}

/**
 * A polling publisher: publish every row still in the outbox, oldest first, and delete a row only
 * after the broker acknowledged it. A crash anywhere leaves the row in place, so the next
 * incarnation publishes it again (at least once); a failed publish stops this poll and the next
 * poll retries from that row.
 */
export class OutboxRelay {
  constructor(private readonly env: ProducerEnv) {}

  async poll(): Promise<void> {
    const rows = await this.env.db.scan('outbox/', 50);
    for (const row of rows) {
      const message = row.value as unknown as AccountEvent;
      try {
        await this.env.broker.publish(message);
      } catch {
        return;
      }
      await this.env.db.transaction((tx) => tx.delete(row.key));
    }
  }
}

/**
 * An idempotent consumer: the dedup record and the effect in one transaction of the consumer's own
 * database, so a crash between consuming and acknowledging (a redelivery) finds the id recorded.
 * The balance view takes an event only if its version is newer, so a late, older event counts as a
 * movement but does not overwrite a newer balance.
 */
export class StatementConsumer {
  constructor(private readonly env: ProcessEnv) {}

  async handle(message: AccountEvent): Promise<void> {
    await this.env.db.transaction((tx) => {
      const movementsKey = 'movements/' + message.account;
      tx.put(movementsKey, ((tx.get(movementsKey) as number | undefined) ?? 0) + 1);
      const viewKey = 'balance/' + message.account;
      const view = tx.get(viewKey) as AccountRow | undefined;
      if (view === undefined || message.version > view.version) tx.put(viewKey, { balance: message.balance, version: message.version });
    });
  }
}
