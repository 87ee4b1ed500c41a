/**
 * A concurrent history for the linearizability checker: one record per operation, with the
 * virtual times of its invocation and response. An operation that never returned (the client
 * timed out) is pending: `returnMs` is null and `output` unknown; it may have taken effect at
 * any time after its call, or not at all.
 */
export interface Operation<I, O> {
  readonly clientId: number;
  readonly input: I;
  /** undefined when pending. */
  readonly output: O | undefined;
  readonly callMs: number;
  /** null when pending. */
  readonly returnMs: number | null;
}

/**
 * A history the checker refuses to search: it would answer about a different history than the one
 * recorded (a NaN time sorts anywhere, a return before its call makes an operation take effect
 * outside its interval, a pending operation with an output has a result nobody saw). Thrown by
 * `checkOperations` before any search; the message names the operation and what is wrong.
 */
export class MalformedHistoryError extends Error {
  constructor(
    /** Position of the offending operation in the history passed in. */
    readonly index: number,
    readonly operation: unknown,
    /** What is wrong, e.g. "returns (at 5) before its call (at 10)". */
    readonly problem: string,
  ) {
    super(`malformed history: operation #${index} (${summarize(operation)}) ${problem}`);
    this.name = 'MalformedHistoryError';
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) return String(value);
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function summarize(operation: unknown): string {
  if (typeof operation !== 'object' || operation === null) return show(operation);
  const op = operation as Partial<Record<keyof Operation<unknown, unknown>, unknown>>;
  return `client ${show(op.clientId)}, input ${show(op.input)}, called at ${show(op.callMs)}, returned at ${op.returnMs === null ? 'never (pending)' : show(op.returnMs)}`;
}

function problemWith(operation: unknown): string | null {
  if (typeof operation !== 'object' || operation === null) return 'is not an operation record';
  const op = operation as Partial<Record<keyof Operation<unknown, unknown>, unknown>>;
  if (typeof op.clientId !== 'number' || !Number.isSafeInteger(op.clientId) || op.clientId < 0) return `has clientId ${show(op.clientId)}: expected a non-negative integer`;
  if (typeof op.callMs !== 'number' || !Number.isFinite(op.callMs)) return `has call time ${show(op.callMs)}: expected a finite number`;
  if (op.returnMs === null) {
    if (op.output !== undefined) return `is pending (returnMs null) but has output ${show(op.output)}: nobody saw a pending operation's result, leave output undefined`;
    return null;
  }
  if (typeof op.returnMs !== 'number' || !Number.isFinite(op.returnMs)) return `has return time ${show(op.returnMs)}: expected a finite number, or null for a pending operation`;
  if (op.returnMs < op.callMs) return `returns (at ${op.returnMs}) before its call (at ${op.callMs})`;
  return null;
}

/**
 * Throws a MalformedHistoryError for the first malformed operation: a clientId that is not a
 * non-negative integer, a call or return time that is not a finite number (NaN, Infinity, a
 * string, missing), a return before its call, or a pending operation (returnMs null) with an
 * output. A returned operation whose output is undefined is allowed: the model then accepts any
 * outcome for it (its response was lost).
 */
export function validateHistory(history: readonly unknown[]): void {
  if (!Array.isArray(history)) throw new TypeError(`a history must be an array of operations, got ${show(history)}`);
  for (let i = 0; i < history.length; i++) {
    const problem = problemWith(history[i]);
    if (problem !== null) throw new MalformedHistoryError(i, history[i], problem);
  }
}

/** Records a history as a workload runs: `call` at invocation, `complete` at response. */
export class HistoryRecorder<I, O> {
  private readonly ops: { clientId: number; input: I; output: O | undefined; callMs: number; returnMs: number | null }[] = [];

  call(clientId: number, input: I, callMs: number): number {
    this.ops.push({ clientId, input, output: undefined, callMs, returnMs: null });
    return this.ops.length - 1;
  }

  complete(opId: number, output: O, returnMs: number): void {
    const op = this.ops[opId];
    if (op === undefined) throw new RangeError(`no operation ${opId}`);
    if (op.returnMs !== null) throw new Error(`operation ${opId} completed twice`);
    if (returnMs < op.callMs) throw new RangeError(`operation ${opId} returns before its call`);
    op.output = output;
    op.returnMs = returnMs;
  }

  operations(): Operation<I, O>[] {
    return this.ops.map((o) => ({ ...o }));
  }
}
