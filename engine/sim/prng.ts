/**
 * Seeded pseudo-random number generator for the deterministic world.
 *
 * sfc32 (Small Fast Counting, 128-bit state) seeded through splitmix32, so
 * every seed, including small consecutive integers, gives an independent stream.
 * The API is integer-first: everything random in a simulation comes from here,
 * never from Math.random.
 */
export type Seed = number | string;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the string's UTF-16 code units: turns a string seed or label into 32 bits. */
export function hashSeed(seed: Seed): number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
    // Fold the high bits of large integers in so 2^32 + 1 and 1 differ.
    const hi = Math.floor(seed / 0x1_0000_0000);
    return ((seed >>> 0) ^ Math.imul(hi >>> 0, 0x9e3779b1)) >>> 0;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * x % n for integers 0 ≤ x ≤ 2^32 and 1 ≤ n ≤ 2^32, exactly, without a floating-point remainder
 * (which V8 computes by a slow library call when x does not fit a small integer). The quotient's
 * rounding can only err upwards, by one, and then the remainder comes out negative.
 */
function mod(x: number, n: number): number {
  const r = x - Math.floor(x / n) * n;
  return r < 0 ? r + n : r;
}

export class Prng {
  /**
   * The sfc32 state a, b, c, d. A typed array, not four fields: 32-bit values do not fit V8's small
   * integers, and a double field would allocate a number box on every draw.
   */
  private readonly state = new Uint32Array(4);
  readonly seed: number;

  constructor(seed: Seed) {
    this.seed = hashSeed(seed);
    const sm = splitmix32(this.seed);
    const st = this.state;
    st[0] = sm();
    st[1] = sm();
    st[2] = sm();
    st[3] = sm();
    // Warm up so the first outputs do not echo the seeding.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextU32(): number {
    // Stores into the Uint32Array wrap modulo 2^32, exactly like `>>> 0`.
    const st = this.state;
    const a = st[0]!;
    const b = st[1]!;
    const c = st[2]!;
    const d = st[3]!;
    const t = (((a + b) >>> 0) + d) >>> 0;
    st[3] = d + 1;
    st[0] = b ^ (b >>> 9);
    st[1] = c + (c << 3);
    st[2] = ((c << 21) | (c >>> 11)) + t;
    return t;
  }

  /** Uniform integer in [0, n). Unbiased (rejection sampling). n must be an integer in [1, 2^32]. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000) {
      throw new RangeError(`int(n) needs an integer 1 ≤ n ≤ 2^32, got ${n}`);
    }
    if (n === 1) return 0;
    const limit = 0x1_0000_0000 - mod(0x1_0000_0000, n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return mod(x, n);
    }
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  range(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new RangeError(`range(lo, hi) needs integers lo ≤ hi, got ${lo}, ${hi}`);
    }
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability numerator/denominator (integers; default per-mille). */
  chance(numerator: number, denominator = 1000): boolean {
    if (numerator <= 0) return false;
    if (numerator >= denominator) return true;
    return this.int(denominator) < numerator;
  }

  /** A float in [0, 1) with 32 bits of randomness; for statistics, not for control flow that must be integer-exact. */
  float(): number {
    return this.nextU32() / 0x1_0000_0000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /**
   * An independent child stream named by a label: the same parent seed and label always give
   * the same child, and drawing from the child does not disturb the parent.
   */
  fork(label: string | number): Prng {
    return new Prng(`${this.seed}/${label}`);
  }
}
