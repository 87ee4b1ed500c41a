/**
 * A sequential specification for the linearizability checker, in the shape of Porcupine's
 * Model. `step` gets `output === undefined` for a pending operation and must then accept any
 * outcome. States must be treated as immutable.
 */
import type { Operation } from './history';

export type StepResult<S> = { readonly ok: true; readonly state: S } | { readonly ok: false };

export interface Model<S, I, O> {
  init(): S;
  step(state: S, input: I, output: O | undefined): StepResult<S>;
  /** State equality for memoization; defaults to ===. */
  equal?(a: S, b: S): boolean;
  /** A 32-bit hash consistent with equal, for memoization; the default hashes numbers, strings (their tail) or JSON. */
  hash?(state: S): number;
  /** Split a history into independent sub-histories (e.g. per key); each is checked on its own. */
  partition?(history: readonly Operation<I, O>[]): Operation<I, O>[][];
  describeOperation?(input: I, output: O | undefined): string;
  describeState?(state: S): string;
}
