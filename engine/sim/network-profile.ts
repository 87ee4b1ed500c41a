/**
 * How a link treats the messages it carries. Probabilities are integers per mille (‰), so
 * every decision is an exact integer draw from the seeded PRNG.
 */
export interface NetworkProfile {
  readonly name: string;
  /** Chance that a request (a message that is not a reply) is lost. */
  readonly dropRequestPerMille: number;
  /** Chance that a reply is lost. */
  readonly dropReplyPerMille: number;
  /** Ordinary one-way delay, uniform in [min, max] ms. */
  readonly delayMsMin: number;
  readonly delayMsMax: number;
  /** Chance that a delivered message is also delivered a second time, with its own delay. */
  readonly duplicatePerMille: number;
  /** Chance that a reply is held back for a long time (long reordering). */
  readonly reorderReplyPerMille: number;
  readonly reorderDelayMsMin: number;
  readonly reorderDelayMsMax: number;
}

/** A healthy LAN: nothing lost, a few ms of jitter. */
export const RELIABLE: NetworkProfile = {
  name: 'reliable',
  dropRequestPerMille: 0,
  dropReplyPerMille: 0,
  delayMsMin: 1,
  delayMsMax: 5,
  duplicatePerMille: 0,
  reorderReplyPerMille: 0,
  reorderDelayMsMin: 0,
  reorderDelayMsMax: 0,
};

/** The unreliable network of the classic consensus labs (MIT 6.5840): 10% of requests and 10% of replies lost, 0–27 ms delay. */
export const UNRELIABLE: NetworkProfile = {
  name: 'unreliable',
  dropRequestPerMille: 100,
  dropReplyPerMille: 100,
  delayMsMin: 0,
  delayMsMax: 27,
  duplicatePerMille: 0,
  reorderReplyPerMille: 0,
  reorderDelayMsMin: 0,
  reorderDelayMsMax: 0,
};

/** The classic lab's long reordering: about 60% of replies held back by 200–2200 ms. */
export const LONG_REORDERING: NetworkProfile = {
  name: 'long-reordering',
  dropRequestPerMille: 0,
  dropReplyPerMille: 0,
  delayMsMin: 0,
  delayMsMax: 27,
  duplicatePerMille: 0,
  reorderReplyPerMille: 600,
  reorderDelayMsMin: 200,
  reorderDelayMsMax: 2200,
};

/** Both at once, plus a little duplication: the harshest preset. */
export const UNRELIABLE_REORDERING: NetworkProfile = {
  ...UNRELIABLE,
  name: 'unreliable-reordering',
  duplicatePerMille: 20,
  reorderReplyPerMille: 600,
  reorderDelayMsMin: 200,
  reorderDelayMsMax: 2200,
};

export const NETWORK_PRESETS: Readonly<Record<string, NetworkProfile>> = {
  reliable: RELIABLE,
  unreliable: UNRELIABLE,
  'long-reordering': LONG_REORDERING,
  'unreliable-reordering': UNRELIABLE_REORDERING,
};

export function validateProfile(p: NetworkProfile): NetworkProfile {
  const perMille = [p.dropRequestPerMille, p.dropReplyPerMille, p.duplicatePerMille, p.reorderReplyPerMille];
  for (const v of perMille) {
    if (!Number.isInteger(v) || v < 0 || v > 1000) throw new RangeError(`${p.name}: per-mille values must be integers in [0, 1000], got ${v}`);
  }
  const ranges: [number, number][] = [
    [p.delayMsMin, p.delayMsMax],
    [p.reorderDelayMsMin, p.reorderDelayMsMax],
  ];
  for (const [lo, hi] of ranges) {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi < lo) throw new RangeError(`${p.name}: delay range [${lo}, ${hi}] is invalid`);
  }
  return p;
}
