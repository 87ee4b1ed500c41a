import 'server-only';
import { takeToken, type TokenBucketLimit } from '@/engine/ratelimit/token-bucket';
import { dbKind } from '@/lib/data/db-kind';
import type { Db } from '@/lib/data/types';
import { LoginBuckets, type LimitDecision, type LoginLimiter } from './login-limiter';

/**
 * Token buckets that every web server process shares, kept in the database (table RateLimitBucket, one row per
 * limiter and key). One take is one short transaction: create the row full if it is missing, lock it
 * (SELECT … FOR UPDATE: a second process taking the same key waits for the first to commit), run the project's
 * token-bucket step on it (engine/ratelimit/token-bucket.ts `takeToken`, the maths the in-memory buckets use) and
 * write it back. Rows of different keys never wait for each other.
 *
 * PostgreSQL only: with SQLite one machine serves the app and the in-process LoginBuckets stay (limiterFor).
 */
export class DbBuckets implements LoginLimiter {
  private takesSinceSweep = 0;

  constructor(
    private readonly db: Db,
    /** Namespaces the keys of one limiter (e.g. "login-account"). */
    private readonly name: string,
    private readonly limit: TokenBucketLimit,
    /** Rows untouched for this long are deleted now and then (a bucket idle that long is full again anyway). */
    private readonly idleRowMs = Math.max(3_600_000, 2 * limit.capacity * limit.refillIntervalMs),
  ) {}

  async take(key: string, nowMs: number): Promise<LimitDecision> {
    const id = `${this.name}:${key}`;
    const now = Math.floor(nowMs);
    const at = new Date(now);
    const decision = await this.db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "RateLimitBucket" ("key", "tokens", "refilledAtMs", "updatedAt")
        VALUES (${id}, ${this.limit.capacity}, ${BigInt(now)}, ${at}) ON CONFLICT ("key") DO NOTHING`;
      const rows = await tx.$queryRaw<{ tokens: number; refilledAtMs: bigint | number }[]>`
        SELECT "tokens", "refilledAtMs" FROM "RateLimitBucket" WHERE "key" = ${id} FOR UPDATE`;
      const row = rows[0];
      if (!row) throw new Error(`rate-limit bucket ${id} vanished`);
      const state = { tokens: row.tokens, refilledAtMs: Number(row.refilledAtMs) };
      // Another server's clock may be ahead (or this one stepped back): time never runs backwards for a bucket.
      const takenAt = Math.max(now, state.refilledAtMs);
      const admitted = takeToken(state, this.limit, takenAt);
      await tx.$executeRaw`UPDATE "RateLimitBucket" SET "tokens" = ${state.tokens}, "refilledAtMs" = ${BigInt(state.refilledAtMs)}, "updatedAt" = ${at}
        WHERE "key" = ${id}`;
      return admitted
        ? ({ ok: true } as const)
        : ({ ok: false, retryAfterMs: Math.max(1, this.limit.refillIntervalMs - (takenAt - state.refilledAtMs)) } as const);
    });
    if (++this.takesSinceSweep >= 1_000) {
      this.takesSinceSweep = 0;
      void this.db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "updatedAt" < ${new Date(now - this.idleRowMs)}`.catch(() => undefined);
    }
    return decision;
  }
}

/**
 * The limiter for `name`: shared through the database on PostgreSQL, in this process's memory on SQLite.
 * Callers see the same interface either way (await its take()).
 */
export function limiterFor(db: Db, name: string, limit: TokenBucketLimit): LoginLimiter {
  return dbKind(db) === 'postgresql' ? new DbBuckets(db, name, limit) : new LoginBuckets(limit);
}
