import { randomInt } from 'node:crypto';

/** A uniformly random permutation (Fisher–Yates with crypto's randomInt); the input is not changed. */
export function shuffle<T>(list: readonly T[]): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
