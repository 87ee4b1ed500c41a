import pg from 'pg';
import { QUEUED_CHANNEL } from './lab-records';

/**
 * LISTEN for "a submission was queued" on PostgreSQL, on a connection of its own (a pooled Prisma connection cannot
 * hold a LISTEN). A wake-up only: the worker polls as well, so while this connection is down (it reconnects every
 * `retryMs`) nothing is lost, only picked up at the next poll.
 */
export function listenForQueued(url: string, onQueued: () => void, log: (message: string, error?: unknown) => void, retryMs = 5_000): { close: () => Promise<void> } {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, retryMs);
    retry.unref();
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on('notification', (message) => {
      if (message.channel === QUEUED_CHANNEL) onQueued();
    });
    c.on('error', (error) => {
      log('LISTEN connection failed; polling until it is back', error);
      void c.end().catch(() => undefined);
    });
    c.on('end', () => {
      if (client === c) client = null;
      schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${QUEUED_CHANNEL}`);
      if (closed) await c.end();
      else onQueued(); // anything queued while we were not listening
    } catch (error) {
      log('could not LISTEN; polling until it works', error);
      await c.end().catch(() => undefined);
    }
  };

  void connect();
  return {
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
