import { stage, test } from '../../grader/harness/api';
import { BROKERS, directedRun, holds, RULES } from './scenarios';
import { AccountService, OutboxRelay, StatementConsumer } from './solution';

/** Lets pending promise callbacks run between simulation events (the harness's virtual zero-delay timer). */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown };
const settle = (): Promise<void> => new Promise<void>((resolve) => void timers.setTimeout(resolve, 0));
const solution = { service: AccountService, relay: OutboxRelay, consumer: StatementConsumer };

stage('outbox', () => {
  test('a crash right after a business commit: the change is still published (seed 1)', async () => {
    holds(await directedRun(solution, settle, 1, { broker: BROKERS.reliable, crashes: [{ kind: 'producer commit', nth: 2, when: 'after' }], consumer: false }), RULES.outbox);
  });
});

stage('relay', () => {
  test('a broker that fails publishes: every change is published, then the relay goes quiet (seed 2)', async () => {
    holds(await directedRun(solution, settle, 2, { broker: BROKERS.flaky, crashes: [], consumer: false }), RULES.relay);
  });
});

stage('consumer', () => {
  test('duplicated and reordered deliveries: each change takes effect once, newest version wins (seed 3)', async () => {
    holds(await directedRun(solution, settle, 3, { broker: BROKERS.reordering, crashes: [], consumer: true }), RULES.consumer);
  });
});
