/**
 * The trace of a run: every message, state change, client operation, fault and checker verdict,
 * stamped with virtual time. Plain JSON objects with short keys so a long run stays small enough
 * for a browser replay viewer. The schema is documented in README.md next to this file.
 */
export type DropReason = 'loss' | 'partition' | 'down';

export type TraceEvent =
  /** A message left `from`; `id` links it to its `recv`/`drop`. `n` = entries carried, `ok` = granted/success for replies. */
  | { t: number; k: 'send'; id: number; from: number; to: number; type: string; term: number; n?: number; ok?: boolean }
  | { t: number; k: 'recv'; id: number }
  | { t: number; k: 'drop'; id: number; why: DropReason }
  /** A node's role or term changed (also emitted for every node at start and on restart). */
  | { t: number; k: 'role'; node: number; role: string; term: number }
  | { t: number; k: 'propose'; node: number; index: number; term: number }
  | { t: number; k: 'commit'; node: number; index: number }
  | { t: number; k: 'snapshot'; node: number; index: number; installed: boolean }
  /** A client operation's invocation (`call`) or completion (`ret`); `op` pairs them. */
  | { t: number; k: 'call'; client: number; op: number; input: unknown }
  | { t: number; k: 'ret'; client: number; op: number; output: unknown }
  | { t: number; k: 'fault'; fault: 'crash' | 'restart' | 'partition' | 'heal' | 'network'; node?: number; groups?: number[][]; profile?: string }
  | { t: number; k: 'verdict'; checker: string; ok: boolean; detail: string };

export type TraceLevel = 'off' | 'full';

export class TraceRecorder {
  readonly events: TraceEvent[] = [];

  constructor(readonly level: TraceLevel = 'full') {}

  get enabled(): boolean {
    return this.level === 'full';
  }

  record(event: TraceEvent): void {
    if (this.level === 'full') this.events.push(event);
  }

  toJSON(): { version: 1; events: TraceEvent[] } {
    return { version: 1, events: this.events };
  }
}
