/**
 * A sequential specification for the linearizability checker, in the shape of Porcupine's
 * Model. `step` gets `output === undefined` for a pending operation and must then accept any
 * outcome. States must be treated as immutable, and `step` must be a pure function of (state,
 * input, output): the search may ask once per (state, operation) and remember the answer.
 */
import type { Operation } from './history';

export type StepResult<S> = { readonly ok: true; readonly state: S } | { readonly ok: false };

export interface Model<S, I, O> {
  init(): S;
  step(state: S, input: I, output: O | undefined): StepResult<S>;
  /** State equality for memoization; defaults to ===. */
  equal?(a: S, b: S): boolean;
  /** A 32-bit hash consistent with equal, to intern states (used with `equal`, or for object states); the default hashes numbers, strings or JSON. */
  hash?(state: S): number;
  /**
   * True when this operation, with this output, never changes the state wherever it is legal (a
   * read; a cas that answered false). The search then linearizes it as soon as it is legal and
   * never tries it later (moving a read-only operation earlier within its interval keeps every
   * linearization legal), which prunes much of the search. Leave it out when unsure: it is only
   * an optimization, but answering true for an operation that can change the state is unsound.
   */
  readOnly?(input: I, output: O | undefined): boolean;
  /** Split a history into independent sub-histories (e.g. per key); each is checked on its own. */
  partition?(history: readonly Operation<I, O>[]): Operation<I, O>[][];
  describeOperation?(input: I, output: O | undefined): string;
  describeState?(state: S): string;
}
