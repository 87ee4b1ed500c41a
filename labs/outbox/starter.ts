import type { AccountEvent, Command, ProcessEnv, ProducerEnv } from './api';

/**
 * The dual write: commit the change, then publish the event straight to the broker. A crash between
 * the two loses the event; a broker error rejects a change that did commit. Write the event into an
 * outbox table in the SAME transaction as the change instead, and let the relay publish it.
 */
export class AccountService {
  constructor(private readonly env: ProducerEnv) {}

  async handle(command: Command): Promise<void> {
    const event = await this.env.db.transaction((tx) => {
      const key = 'account/' + command.account;
      const row = (tx.get(key) as { balance: number; version: number } | undefined) ?? { balance: 0, version: 0 };
      const balance = row.balance + command.delta;
      if (balance < 0) throw new Error('insufficient funds');
      tx.put(key, { balance, version: row.version + 1 });
      // TODO 1: put the event into an outbox row here, in this transaction.
      return { id: command.id, account: command.account, version: row.version + 1, balance, delta: command.delta };
    });
    await this.env.broker.publish(event);
  }
}

/** Called every 20 ms. */
export class OutboxRelay {
  constructor(private readonly env: ProducerEnv) {}

  async poll(): Promise<void> {
    // TODO 2: publish the outbox rows that are not yet acknowledged, oldest first; mark a row
    //         sent (or delete it) only after the broker acknowledged it; retry on the next poll.
  }
}

/** Receives every published event at least once, in any order. */
export class StatementConsumer {
  constructor(private readonly env: ProcessEnv) {}

  async handle(message: AccountEvent): Promise<void> {
    // TODO 3: skip a message id already processed (record it in the same transaction as the
    //         effect), and never let an older version overwrite a newer balance.
    await this.env.db.transaction((tx) => {
      tx.put('balance/' + message.account, { balance: message.balance, version: message.version });
      const key = 'movements/' + message.account;
      tx.put(key, ((tx.get(key) as number | undefined) ?? 0) + 1);
    });
  }
}
