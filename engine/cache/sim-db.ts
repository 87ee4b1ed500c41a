import type { Prng } from '../sim/prng';
import { drawLatencyMs, type Latency } from './latency';
import { LoadMeter } from './load-meter';
import type { Scheduler } from './scheduler';

/** A row as the database stores it; version starts at 1 and grows by one per committed write. */
export interface DbRow<V> {
  value: V;
  version: number;
}

export interface CommittedWrite<V> extends DbRow<V> {
  atMs: number;
}

export interface SimDbOptions {
  readLatencyMs?: Latency;
  writeLatencyMs?: Latency;
}

/**
 * Simulated database with versioned rows and a load meter.
 *
 * Timing model (what makes the cache–DB races of the consistency lab possible):
 * - a read takes its snapshot when the query starts and delivers it after the read latency;
 * - a write commits when its latency has elapsed, and resolves at that moment with the new version.
 * So a read that starts before a commit returns the old row even if it finishes after the commit.
 */
export class SimDb<V> {
  readonly reads = new LoadMeter();
  readonly writes = new LoadMeter();
  private readonly rows = new Map<string, DbRow<V>>();
  private readonly log = new Map<string, CommittedWrite<V>[]>();
  private readonly prng: Prng;
  private readonly readLatencyMs: Latency;
  private readonly writeLatencyMs: Latency;

  constructor(
    private readonly sched: Scheduler,
    options: SimDbOptions = {},
  ) {
    this.prng = sched.prng.fork('sim-db');
    this.readLatencyMs = options.readLatencyMs ?? 5;
    this.writeLatencyMs = options.writeLatencyMs ?? 10;
  }

  /** Put a row in place before the run, without load or latency. */
  preload(key: string, value: V): void {
    const current = this.rows.get(key);
    this.rows.set(key, { value, version: (current?.version ?? 0) + 1 });
  }

  async read(key: string): Promise<DbRow<V> | undefined> {
    this.reads.begin(this.sched.nowMs(), key);
    const row = this.rows.get(key);
    const snapshot = row === undefined ? undefined : { value: row.value, version: row.version };
    try {
      await this.sched.sleep(drawLatencyMs(this.readLatencyMs, this.prng));
    } finally {
      this.reads.end();
    }
    return snapshot;
  }

  async write(key: string, value: V): Promise<number> {
    this.writes.begin(this.sched.nowMs(), key);
    try {
      await this.sched.sleep(drawLatencyMs(this.writeLatencyMs, this.prng));
    } finally {
      this.writes.end();
    }
    const version = (this.rows.get(key)?.version ?? 0) + 1;
    this.rows.set(key, { value, version });
    const entry = { value, version, atMs: this.sched.nowMs() };
    const history = this.log.get(key);
    if (history === undefined) this.log.set(key, [entry]);
    else history.push(entry);
    return version;
  }

  /** The committed row, without load (for checkers and tests). */
  peek(key: string): DbRow<V> | undefined {
    const row = this.rows.get(key);
    return row === undefined ? undefined : { value: row.value, version: row.version };
  }

  /** Every write committed to `key` during the run, in commit order (preloads excluded). */
  history(key: string): readonly CommittedWrite<V>[] {
    return this.log.get(key) ?? [];
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  keys(): string[] {
    return [...this.rows.keys()];
  }
}
