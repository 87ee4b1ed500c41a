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

/** Round-robin over the groups, in a random group order, so a mixed session is actually mixed. */
export function interleave<T>(groups: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const queues = shuffle(groups.filter((g) => g.length > 0)).map((g) => g.slice());
  while (queues.some((q) => q.length)) for (const q of queues) if (q.length) out.push(q.shift()!);
  return out;
}
