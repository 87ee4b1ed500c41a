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

/** Record codes of the compact log; a record is its code, then its fields, as 32-bit integers. */
const OBJECT = 0; // objects index
const SEND = 1; // t, id, from, to, type, term
const SEND_N = 2; // ... n
const SEND_OK = 3; // ... ok
const RECV = 4; // t, id
const DROP = 5; // t, id, why
const ROLE = 6; // t, node, role, term
const COMMIT = 7; // t, node, index
const PROPOSE = 8; // t, node, index, term
const SNAPSHOT = 9; // t, node, index, installed
const FIRST_CHUNK = 1 << 10; // int32 in the first chunk of the log; each next one doubles, up to LAST_CHUNK
const LAST_CHUNK = 1 << 16;
const DROP_REASONS: readonly DropReason[] = ['loss', 'partition', 'down'];
const NO_RECORDS = new Int32Array(0);

/** True for numbers the compact log stores exactly. */
function i32(v: number): boolean {
  return (v | 0) === v && (v !== 0 || 1 / v > 0);
}

/**
 * Records a run's trace. Hot callers (the cluster driver) write compact records of 32-bit integers
 * with the typed methods (`send`, `recv`, `drop`, `role`, `commit`, `propose`, `snapshot`; message
 * types and roles as codes from `code()`); `record` takes any event object. The readable `events`
 * are built from the compact log only when someone reads them, in recording order, each exactly
 * the object `record` would have stored (same keys, same key order). A value the log cannot hold
 * exactly (beyond 32 bits) makes that record an ordinary object.
 */
export class TraceRecorder {
  private readonly built: TraceEvent[] = [];
  /** The compact log: full chunks, then the current one (`chunk`, filled up to `pos`). */
  private readonly chunks: Int32Array[] = [];
  private readonly chunkEnds: number[] = [];
  private chunk: Int32Array = new Int32Array(0);
  private pos = 0;
  /** Where `built` stops in the log: a chunk number and an offset in it. */
  private builtChunk = 0;
  private builtPos = 0;
  private readonly objects: TraceEvent[] = [];
  private readonly strings: string[] = [];
  private readonly codes = new Map<string, number>();

  constructor(readonly level: TraceLevel = 'full') {}

  get enabled(): boolean {
    return this.level === 'full';
  }

  /** Every event recorded so far, in order (built from the compact log on demand; the same array every time). */
  get events(): TraceEvent[] {
    if (this.builtChunk < this.chunks.length || this.builtPos < this.pos) this.build();
    return this.built;
  }

  record(event: TraceEvent): void {
    if (this.level !== 'full') return;
    this.objects.push(event);
    const c = this.room(2);
    c[this.pos++] = OBJECT;
    c[this.pos++] = this.objects.length - 1;
  }

  /** The code of a string (message type, role) for the typed methods. */
  code(text: string): number {
    let c = this.codes.get(text);
    if (c === undefined) {
      c = this.strings.length;
      this.strings.push(text);
      this.codes.set(text, c);
    }
    return c;
  }

  /** `{ t, k: 'send', id, from, to, type, term }`. */
  send(t: number, id: number, from: number, to: number, typeCode: number, term: number): void {
    if (this.level !== 'full') return;
    if (i32(t) && i32(id) && i32(from) && i32(to) && i32(term)) this.put6(SEND, t, id, from, to, typeCode, term);
    else this.record({ t, k: 'send', id, from, to, type: this.strings[typeCode]!, term });
  }

  /** `{ t, k: 'send', id, from, to, type, term, n }`. */
  sendN(t: number, id: number, from: number, to: number, typeCode: number, term: number, n: number): void {
    if (this.level !== 'full') return;
    if (i32(t) && i32(id) && i32(from) && i32(to) && i32(term) && i32(n)) {
      this.put6(SEND_N, t, id, from, to, typeCode, term);
      this.chunk[this.pos++] = n;
    } else this.record({ t, k: 'send', id, from, to, type: this.strings[typeCode]!, term, n });
  }

  /** `{ t, k: 'send', id, from, to, type, term, ok }`. */
  sendOk(t: number, id: number, from: number, to: number, typeCode: number, term: number, ok: boolean): void {
    if (this.level !== 'full') return;
    if (i32(t) && i32(id) && i32(from) && i32(to) && i32(term)) {
      this.put6(SEND_OK, t, id, from, to, typeCode, term);
      this.chunk[this.pos++] = ok ? 1 : 0;
    } else this.record({ t, k: 'send', id, from, to, type: this.strings[typeCode]!, term, ok });
  }

  recv(t: number, id: number): void {
    if (this.level !== 'full') return;
    if (i32(t) && i32(id)) this.put3(RECV, t, id, 0, 3);
    else this.record({ t, k: 'recv', id });
  }

  drop(t: number, id: number, why: DropReason): void {
    if (this.level !== 'full') return;
    if (i32(t) && i32(id)) this.put3(DROP, t, id, why === 'loss' ? 0 : why === 'partition' ? 1 : 2, 4);
    else this.record({ t, k: 'drop', id, why });
  }

  role(t: number, node: number, roleCode: number, term: number): void {
    if (this.level !== 'full') return;
    if (i32(t) && i32(node) && i32(term)) {
      this.put3(ROLE, t, node, roleCode, 5);
      this.chunk[this.pos++] = term;
    } else this.record({ t, k: 'role', node, role: this.strings[roleCode]!, term });
  }

  commit(t: number, node: number, index: number): void {
    if (this.level !== 'full') return;
    if (i32(t) && i32(node) && i32(index)) this.put3(COMMIT, t, node, index, 4);
    else this.record({ t, k: 'commit', node, index });
  }

  propose(t: number, node: number, index: number, term: number): void {
    if (this.level !== 'full') return;
    if (i32(t) && i32(node) && i32(index) && i32(term)) {
      this.put3(PROPOSE, t, node, index, 5);
      this.chunk[this.pos++] = term;
    } else this.record({ t, k: 'propose', node, index, term });
  }

  snapshot(t: number, node: number, index: number, installed: boolean): void {
    if (this.level !== 'full') return;
    if (i32(t) && i32(node) && i32(index)) {
      this.put3(SNAPSHOT, t, node, index, 5);
      this.chunk[this.pos++] = installed ? 1 : 0;
    } else this.record({ t, k: 'snapshot', node, index, installed });
  }

  toJSON(): { version: 1; events: TraceEvent[] } {
    return { version: 1, events: this.events };
  }

  /** The current chunk, with room for `n` more values. */
  private room(n: number): Int32Array {
    if (this.pos + n > this.chunk.length) {
      if (this.chunk.length > 0) {
        this.chunks.push(this.chunk);
        this.chunkEnds.push(this.pos);
      }
      this.chunk = new Int32Array(this.chunk.length === 0 ? FIRST_CHUNK : Math.min(this.chunk.length * 2, LAST_CHUNK));
      this.pos = 0;
    }
    return this.chunk;
  }

  /** Code and three fields, with room reserved for `size` values in all. */
  private put3(code: number, a: number, b: number, c: number, size: number): void {
    const log = this.room(size);
    let p = this.pos;
    log[p++] = code;
    log[p++] = a;
    log[p++] = b;
    if (size > 3) log[p++] = c;
    this.pos = p;
  }

  /** A send record's code and six fields, with room for one more. */
  private put6(code: number, t: number, id: number, from: number, to: number, typeCode: number, term: number): void {
    const log = this.room(8);
    let p = this.pos;
    log[p++] = code;
    log[p++] = t;
    log[p++] = id;
    log[p++] = from;
    log[p++] = to;
    log[p++] = typeCode;
    log[p++] = term;
    this.pos = p;
  }

  private build(): void {
    const out = this.built;
    const str = this.strings;
    for (;;) {
      const full = this.builtChunk < this.chunks.length;
      const log = full ? this.chunks[this.builtChunk]! : this.chunk;
      const end = full ? this.chunkEnds[this.builtChunk]! : this.pos;
      let p = this.builtPos;
      while (p < end) {
        const code = log[p]!;
        switch (code) {
          case OBJECT:
            out.push(this.objects[log[p + 1]!]!);
            p += 2;
            break;
          case SEND:
            out.push({ t: log[p + 1]!, k: 'send', id: log[p + 2]!, from: log[p + 3]!, to: log[p + 4]!, type: str[log[p + 5]!]!, term: log[p + 6]! });
            p += 7;
            break;
          case SEND_N:
            out.push({ t: log[p + 1]!, k: 'send', id: log[p + 2]!, from: log[p + 3]!, to: log[p + 4]!, type: str[log[p + 5]!]!, term: log[p + 6]!, n: log[p + 7]! });
            p += 8;
            break;
          case SEND_OK:
            out.push({ t: log[p + 1]!, k: 'send', id: log[p + 2]!, from: log[p + 3]!, to: log[p + 4]!, type: str[log[p + 5]!]!, term: log[p + 6]!, ok: log[p + 7] === 1 });
            p += 8;
            break;
          case RECV:
            out.push({ t: log[p + 1]!, k: 'recv', id: log[p + 2]! });
            p += 3;
            break;
          case DROP:
            out.push({ t: log[p + 1]!, k: 'drop', id: log[p + 2]!, why: DROP_REASONS[log[p + 3]!]! });
            p += 4;
            break;
          case ROLE:
            out.push({ t: log[p + 1]!, k: 'role', node: log[p + 2]!, role: str[log[p + 3]!]!, term: log[p + 4]! });
            p += 5;
            break;
          case COMMIT:
            out.push({ t: log[p + 1]!, k: 'commit', node: log[p + 2]!, index: log[p + 3]! });
            p += 4;
            break;
          case PROPOSE:
            out.push({ t: log[p + 1]!, k: 'propose', node: log[p + 2]!, index: log[p + 3]!, term: log[p + 4]! });
            p += 5;
            break;
          case SNAPSHOT:
            out.push({ t: log[p + 1]!, k: 'snapshot', node: log[p + 2]!, index: log[p + 3]!, installed: log[p + 4] === 1 });
            p += 5;
            break;
          default:
            throw new Error(`corrupt trace record ${code}`);
        }
      }
      if (!full) {
        this.builtPos = p;
        return;
      }
      this.chunks[this.builtChunk] = NO_RECORDS; // built: the objects hold it now
      this.builtChunk++;
      this.builtPos = 0;
    }
  }
}
