/**
 * Schedules for the lock world drawn from a seed: 2–6 clients, a lease of 150–600 ms, message loss
 * and delay, and a handful of faults: GC pauses longer than the lease, forward jumps of the lock
 * server's clock, lost releases, lock-server and storage crashes, client crashes (at least one
 * client survives).
 */
import { Prng } from '../sim/prng';
import { FAULT_PHASE_MS, type Fault, type Schedule } from './lock-world';

export function randomSchedule(seed: number): Schedule {
  const rng = new Prng(`lock-schedule/${seed}`);
  const clients = rng.range(2, 6);
  const ttlMs = rng.range(3, 12) * 50;
  const faults: Fault[] = [];
  const at = (): number => rng.range(50, FAULT_PHASE_MS - 100);
  const count = rng.range(3, 8);
  let clientCrashes = 0;
  for (let i = 0; i < count; i++) {
    const kind = rng.pick(['pause', 'pause', 'pause', 'jump', 'jump', 'lose-release', 'crash-server', 'crash-storage', 'crash-client', 'crash-holder'] as const);
    if (kind === 'pause') faults.push({ kind, atMs: at(), client: rng.range(1, clients), forMs: ttlMs + rng.range(1, 2 * ttlMs) });
    else if (kind === 'jump') faults.push({ kind, atMs: at(), byMs: rng.range(ttlMs / 2, 3 * ttlMs) });
    else if (kind === 'lose-release') faults.push({ kind, atMs: at(), client: rng.range(1, clients) });
    else if (kind === 'crash-server' || kind === 'crash-storage') faults.push({ kind, atMs: at(), downMs: rng.range(20, 600) });
    else if (clientCrashes < clients - 1) {
      // Distinct clients, so at least one survives.
      const client = 1 + ((clientCrashes + rng.int(clients)) % clients);
      if (!faults.some((f) => (f.kind === 'crash-client' || f.kind === 'crash-holder') && f.client === client)) {
        clientCrashes++;
        faults.push({ kind, atMs: at(), client });
      }
    }
  }
  faults.sort((a, b) => a.atMs - b.atMs);
  return { worldSeed: rng.range(1, 1_000_000), clients, ttlMs, dropPerMille: rng.pick([0, 20, 50, 100]), delayMsMax: rng.range(2, 30), faults };
}
