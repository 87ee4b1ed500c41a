import type { RefreshPolicy } from './early-refresh';
import type { CacheDeps, CacheSlot, ReadPath, ReadResult } from './read-path';
import type { TtlPolicy } from './ttl-policy';

/**
 * Cache-aside with early refresh: a hit that the RefreshPolicy flags starts one background reload
 * per key (deduplicated while in flight), so a key that is read often is reloaded before it
 * expires and never misses. Cold misses load as plain cache-aside.
 */
export class EarlyRefreshRead<V> implements ReadPath<V> {
  private readonly refreshing = new Set<string>();
  refreshes = 0;

  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly ttl: TtlPolicy,
    private readonly policy: RefreshPolicy,
  ) {}

  async read(key: string): Promise<ReadResult<V>> {
    const slot = await this.deps.cache.get(key);
    if (slot !== undefined) {
      if (!this.refreshing.has(key) && this.policy.shouldRefresh(this.deps.sched.nowMs(), slot.expiresAtMs)) {
        this.refreshing.add(key);
        this.refreshes++;
        this.deps.sched.spawn(`refresh ${key}`, async () => {
          try {
            await this.load(key);
          } finally {
            this.refreshing.delete(key);
          }
        });
      }
      return { value: slot.value, version: slot.version, source: 'cache' };
    }
    const fresh = await this.load(key);
    return { value: fresh.value, version: fresh.version, source: 'db' };
  }

  private async load(key: string): Promise<CacheSlot<V>> {
    const row = await this.deps.db.read(key);
    const ttlMs = this.ttl.ttlMsFor(key);
    const slot: CacheSlot<V> = { value: row?.value ?? null, version: row?.version ?? 0, expiresAtMs: this.deps.sched.nowMs() + ttlMs };
    if (row !== undefined) await this.deps.cache.set(key, slot, { ttlMs });
    return slot;
  }
}
