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
