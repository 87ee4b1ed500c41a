import type { StateMachine } from './state-machine';
import type { Entry, Json } from './types';

/** The plainest state machine: the list of applied (non-no-op) payloads, for Raft-level scenarios. */
export class AppliedLogStateMachine implements StateMachine {
  private values: Json[] = [];

  apply(entry: Entry): Json {
    if (entry.data !== null) this.values.push(entry.data);
    return null;
  }

  snapshot(): Json {
    return this.values.slice();
  }

  restore(data: Json): void {
    if (!Array.isArray(data)) throw new TypeError('applied-log snapshot must be an array');
    this.values = (data as readonly Json[]).slice();
  }

  applied(): readonly Json[] {
    return this.values;
  }
}
