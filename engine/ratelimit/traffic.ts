import type { Prng } from '../sim/prng';

/** One request arrival: when, and for which key (user, IP, route). */
export interface Arrival {
  atMs: number;
  key: string;
}

/** `count` requests, one every `intervalMs`, starting at startMs. */
export function steady(key: string, startMs: number, intervalMs: number, count: number): Arrival[] {
  return Array.from({ length: count }, (_, i) => ({ atMs: startMs + i * intervalMs, key }));
}

/** `count` requests at the same instant. */
export function burst(key: string, atMs: number, count: number): Arrival[] {
  return Array.from({ length: count }, () => ({ atMs, key }));
}

/**
 * The fixed window's blind spot: `count` requests in the last millisecond of the window
 * [boundaryMs − windowMs, boundaryMs) and `count` more in the first millisecond of the next.
 */
export function boundaryDoubleBurst(key: string, boundaryMs: number, count: number): Arrival[] {
  return [...burst(key, boundaryMs - 1, count), ...burst(key, boundaryMs, count)];
}

/** Random arrivals: each ms in [startMs, startMs + durationMs) gets a request with probability perMille/1000. */
export function random(key: string, startMs: number, durationMs: number, perMille: number, prng: Prng): Arrival[] {
  const out: Arrival[] = [];
  for (let t = startMs; t < startMs + durationMs; t++) if (prng.chance(perMille)) out.push({ atMs: t, key });
  return out;
}

/** Several shapes merged into one arrival stream in time order (stable for equal times). */
export function merge(...streams: Arrival[][]): Arrival[] {
  return streams.flat().map((a, i) => ({ a, i })).sort((x, y) => x.a.atMs - y.a.atMs || x.i - y.i).map(({ a }) => a);
}
