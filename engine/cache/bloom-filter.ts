import { murmur3 } from '../hashring/murmur3';

/** The penetration lab's seam: a learner's Bloom filter (or any set that may say "maybe") implements it. */
export interface MembershipFilter {
  add(key: string): void;
  /** False means definitely absent; true means possibly present. */
  mightContain(key: string): boolean;
}

/**
 * Bloom filter with k indexes from two MurmurHash3 values by double hashing (Kirsch and
 * Mitzenmacher, "Less Hashing, Same Performance", 2006).
 */
export class BloomFilter implements MembershipFilter {
  private readonly words: Uint32Array;
  private added = 0;

  constructor(
    readonly bitCount: number,
    readonly hashCount: number,
  ) {
    if (!Number.isInteger(bitCount) || bitCount < 1 || bitCount > 0xffff_ffff) throw new RangeError(`bitCount must be in [1, 2^32), got ${bitCount}`);
    if (!Number.isInteger(hashCount) || hashCount < 1) throw new RangeError(`hashCount must be a positive integer, got ${hashCount}`);
    this.words = new Uint32Array(Math.ceil(bitCount / 32));
  }

  /**
   * Size for `expectedItems` at a target false-positive rate p:
   * m = ⌈−n·ln p / (ln 2)²⌉ bits and k = max(1, round(m/n · ln 2)) hashes.
   */
  static forExpected(expectedItems: number, falsePositiveRate: number): BloomFilter {
    if (!Number.isInteger(expectedItems) || expectedItems < 1) throw new RangeError(`expectedItems must be a positive integer, got ${expectedItems}`);
    if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) throw new RangeError(`falsePositiveRate must be in (0, 1), got ${falsePositiveRate}`);
    const bits = Math.ceil((-expectedItems * Math.log(falsePositiveRate)) / (Math.LN2 * Math.LN2));
    const hashes = Math.max(1, Math.round((bits / expectedItems) * Math.LN2));
    return new BloomFilter(bits, hashes);
  }

  add(key: string): void {
    const h1 = murmur3(key, 0);
    const h2 = murmur3(key, 0x9747b28c) | 1;
    for (let i = 0; i < this.hashCount; i++) {
      const bit = ((h1 + Math.imul(i, h2)) >>> 0) % this.bitCount;
      this.words[bit >>> 5] = (this.words[bit >>> 5] as number) | (1 << (bit & 31));
    }
    this.added++;
  }

  mightContain(key: string): boolean {
    const h1 = murmur3(key, 0);
    const h2 = murmur3(key, 0x9747b28c) | 1;
    for (let i = 0; i < this.hashCount; i++) {
      const bit = ((h1 + Math.imul(i, h2)) >>> 0) % this.bitCount;
      if (((this.words[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  get itemCount(): number {
    return this.added;
  }

  /** The false-positive rate theory predicts at the current fill: (1 − e^(−k·n/m))^k. */
  expectedFalsePositiveRate(): number {
    return Math.pow(1 - Math.exp((-this.hashCount * this.added) / this.bitCount), this.hashCount);
  }
}
