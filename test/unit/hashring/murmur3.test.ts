import { describe, expect, it } from 'vitest';
import { Prng } from '../../../engine/sim/prng';
import { murmur3 } from '../../../engine/hashring/murmur3';

/** Textbook MurmurHash3 x86_32 over a byte array, to check the code-unit version against. */
function murmur3Bytes(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  const blocks = bytes.length >> 2;
  const mix = (k: number) => {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    return Math.imul(k, 0x1b873593);
  };
  for (let i = 0; i < blocks; i++) {
    const k = (bytes[4 * i] as number) | ((bytes[4 * i + 1] as number) << 8) | ((bytes[4 * i + 2] as number) << 16) | ((bytes[4 * i + 3] as number) << 24);
    h ^= mix(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = blocks * 4;
  const rem = bytes.length & 3;
  if (rem > 0) {
    let k = 0;
    if (rem === 3) k ^= (bytes[tail + 2] as number) << 16;
    if (rem >= 2) k ^= (bytes[tail + 1] as number) << 8;
    k ^= bytes[tail] as number;
    h ^= mix(k);
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

describe('murmur3', () => {
  it('the byte reference matches published MurmurHash3 x86_32 vectors', () => {
    const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    expect(murmur3Bytes(new Uint8Array(0), 0)).toBe(0);
    expect(murmur3Bytes(new Uint8Array(0), 1)).toBe(0x514e28b7);
    expect(murmur3Bytes(ascii('hello'), 0)).toBe(0x248bfa47);
    expect(murmur3Bytes(ascii('The quick brown fox jumps over the lazy dog'), 0)).toBe(0x2e4ff723);
  });

  it('equals MurmurHash3 of the UTF-16LE bytes for random strings and seeds', () => {
    const prng = new Prng(1);
    for (let i = 0; i < 2000; i++) {
      const s = String.fromCharCode(...Array.from({ length: prng.int(40) }, () => prng.int(0x10000)));
      const seed = prng.nextU32();
      expect(murmur3(s, seed)).toBe(murmur3Bytes(new Uint8Array(Buffer.from(s, 'utf16le')), seed));
    }
  });
});
