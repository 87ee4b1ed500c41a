// A per-address token bucket in front of Next for sign-in and sign-up attempts (POST /api/session,
// and server actions posted to /login or /signup). It answers 429 before Next runs, so a flood from
// one address costs a few microseconds per request instead of a whole route invocation (~5 ms):
// the rest of the site stays responsive. lib/data/accounts.ts keeps its own per-client and
// per-account buckets behind it (and for `next dev`, which has no server.mjs).

/** Is this request a sign-in or sign-up attempt? */
export function isSignInAttempt(method, url, headers) {
  if (method !== 'POST') return false;
  const pathname = (url ?? '').split('?')[0];
  if (pathname === '/api/session') return true;
  return headers['next-action'] !== undefined && (pathname === '/login' || pathname === '/signup');
}

export class SignInGuard {
  /** @param {{ capacity?: number, refillMs?: number, maxKeys?: number }} [options] */
  constructor({ capacity = 20, refillMs = 3_000, maxKeys = 50_000 } = {}) {
    this.capacity = capacity;
    this.refillMs = refillMs;
    this.maxKeys = maxKeys;
    /** @type {Map<string, { tokens: number, atMs: number }>} */
    this.buckets = new Map();
  }

  /** Takes one attempt for `key` at `nowMs`: 0 when admitted, else the milliseconds until the next token. */
  take(key, nowMs) {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.buckets.clear();
      b = { tokens: this.capacity, atMs: nowMs };
      this.buckets.set(key, b);
    }
    const elapsed = Math.max(0, nowMs - b.atMs);
    const refills = Math.floor(elapsed / this.refillMs);
    if (refills > 0) {
      b.tokens = Math.min(this.capacity, b.tokens + refills);
      b.atMs = b.tokens === this.capacity ? nowMs : b.atMs + refills * this.refillMs;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, this.refillMs - (nowMs - b.atMs));
  }
}
