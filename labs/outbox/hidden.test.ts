import { AssertionError, attachTrace, forSeeds, stage } from '../../grader/harness/api';
import { generatedRuns } from './hidden-generated';
import { BROKERS, burstRun, directedRun, holds, RULES, type CrashPoint } from './scenarios';
import { AccountService, OutboxRelay, StatementConsumer } from './solution';

/** Lets pending promise callbacks run between simulation events (the harness's virtual zero-delay timer). */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown };
const settle = (): Promise<void> => new Promise<void>((resolve) => void timers.setTimeout(resolve, 0));
const solution = { service: AccountService, relay: OutboxRelay, consumer: StatementConsumer };
const seeds = (n: number, from: number): number[] => Array.from({ length: n }, (_, i) => from + i);

stage('outbox', () => {
  // Crash points: between commit and publish (the dual write's gap).
  forSeeds('crashes right after business commits: every committed change is still published, and only those', seeds(3, 1), async (seed) => {
    const crashes: CrashPoint[] = [
      { kind: 'producer commit', nth: 1 + (seed % 3), when: 'after' },
      { kind: 'producer commit', nth: 5 + (seed % 4), when: 'after' },
    ];
    holds(await directedRun(solution, settle, seed, { broker: BROKERS.reliable, crashes, consumer: false }), RULES.outbox);
  });

  forSeeds('crashes before commits and rolled-back withdrawals, on a failing broker: nothing uncommitted is ever published', seeds(3, 11), async (seed) => {
    const crashes: CrashPoint[] = [
      { kind: 'producer commit', nth: 2 + (seed % 3), when: 'before' },
      { kind: 'producer commit', nth: 7 + (seed % 3), when: 'before' },
    ];
    holds(await directedRun(solution, settle, seed, { broker: BROKERS.flaky, crashes, consumer: false }), RULES.outbox);
  });
});

stage('relay', () => {
  forSeeds('a broker that is down or loses acknowledgements: every change is published, and then the relay goes quiet', seeds(3, 21), async (seed) => {
    holds(await directedRun(solution, settle, seed, { broker: BROKERS.flaky, crashes: [], consumer: false }), RULES.relay);
  });

  forSeeds("a burst of commands on one or two accounts: each account's events reach the broker in commit order", seeds(3, 71), async (seed) => {
    holds(await burstRun(solution, settle, seed), RULES.relay);
  });

  // Crash points: between publish and mark-sent, and before a publish.
  forSeeds('crashes between publish and mark-sent: the relay resumes and publishes the row again', seeds(3, 31), async (seed) => {
    const crashes: CrashPoint[] = [
      { kind: 'publish', nth: 1 + (seed % 4), when: 'after' },
      { kind: 'publish', nth: 6 + (seed % 3), when: 'before' },
      { kind: 'producer read', nth: 12 + (seed % 5), when: 'after' },
    ];
    holds(await directedRun(solution, settle, seed, { broker: BROKERS.flaky, crashes, consumer: false }), RULES.relay);
  });
});

stage('consumer', () => {
  forSeeds('duplicated and reordered deliveries: each change takes effect once, and the newest version wins', seeds(4, 41), async (seed) => {
    holds(await directedRun(solution, settle, seed, { broker: BROKERS.reordering, crashes: [], consumer: true }), RULES.consumer);
  });

  // Crash points: between consume (its commit) and ack, and before a consumer commit.
  forSeeds('consumer crashes between its commit and the ack: the redelivery takes no effect twice', seeds(4, 61), async (seed) => {
    const crashes: CrashPoint[] = [
      { kind: 'consumer commit', nth: 1 + (seed % 3), when: 'after' },
      { kind: 'consumer commit', nth: 6, when: 'after' },
      { kind: 'consumer commit', nth: 9, when: 'before' },
    ];
    holds(await directedRun(solution, settle, seed, { broker: BROKERS.reordering, crashes, consumer: true }), RULES.consumer);
  });

  // Generated workloads, broker profiles and crash schedules across both processes (shrunk on failure).
  forSeeds('generated workloads, brokers and crash schedules: exactly once in effect, nothing uncommitted published, consumer equals producer', seeds(3, 101), async (seed) => {
    const result = await generatedRuns(seed, solution, settle, 8);
    if (result === null) return;
    attachTrace(result.report.world.trace());
    throw new AssertionError(`${result.failure} — ${RULES.outbox}; ${RULES.consumer.replace(/^rule: /, '')}`);
  });
});
