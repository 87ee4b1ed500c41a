import 'server-only';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { UserFacingError } from '@/lib/data/errors';
import { msg } from '@/lib/i18n/translate';

/**
 * Passwords: scrypt (N = 2^15, r = 8, p = 1, 64-byte key) with a random 16-byte salt per user.
 * Stored as `scrypt$N$r$p$salt$hash` (base64url) so parameters can be raised later.
 */
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 64;

/** Too many password checks at once: the caller should answer "busy, retry shortly" instead of queueing CPU work. */
export class PasswordCheckBusyError extends UserFacingError {
  constructor(readonly retryAfterMs = 2_000) {
    super(msg('errors.passwordCheckBusy'));
    this.name = 'PasswordCheckBusyError';
  }
}

/**
 * At most `concurrency` scrypt derivations run at once (each is ~100 ms of CPU in libuv's thread
 * pool, which the rest of the server shares); up to `maxWaiting` more wait their turn; past that a
 * check is refused at once. So a flood of logins or signups costs a bounded amount of CPU and
 * cannot starve other requests.
 */
export class HashGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new PasswordCheckBusyError();
      // The slot is handed over by the finishing check: active stays counted.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  stats(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }
}

// Default: one core fewer than the machine has (at least one), so password checks never take every core from the event loop.
const gate = new HashGate(Math.max(1, Number(process.env.PASSWORD_HASH_CONCURRENCY) || availableParallelism() - 1), 8);

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: n, r, p, maxmem: 128 * n * r * 2 };
  return gate.run(() => new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEYLEN, options, (err, key) => (err ? reject(err) : resolve(key)))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time. A malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await derive(password, Buffer.from(parts[4]!, 'base64url'), n, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Work done when the account does not exist, so response time does not reveal which usernames exist. */
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password');
  await verifyPassword(password, await dummy);
}
