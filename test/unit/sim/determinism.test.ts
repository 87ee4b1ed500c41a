import { describe, expect, it } from 'vitest';
import { findScenario } from '../../../engine/raft/scenarios/index';

// A run is a pure function of (nodes, scenario, seed): same seed, same trace, byte for byte.
describe('determinism', () => {
  for (const name of ['churn-unreliable', 'kv-unreliable', 'snapshot-unreliable']) {
    it(`${name}: two runs with one seed give identical JSON traces; another seed differs`, () => {
      const scenario = findScenario(name)!;
      const a = JSON.stringify(scenario.run(11).world.cluster.trace);
      const b = JSON.stringify(scenario.run(11).world.cluster.trace);
      const c = JSON.stringify(scenario.run(12).world.cluster.trace);
      expect(a.length).toBeGreaterThan(1000);
      expect(a === b).toBe(true);
      expect(a === c).toBe(false);
    });
  }

  it('the trace is plain JSON that round-trips, with events in time order', () => {
    const trace = findScenario('kv-partitions')!.run(3).world.cluster.trace;
    const parsed = JSON.parse(JSON.stringify(trace)) as { version: number; events: { t: number; k: string }[] };
    expect(parsed.version).toBe(1);
    expect(parsed.events).toEqual(trace.events);
    for (let i = 1; i < parsed.events.length; i++) expect(parsed.events[i]!.t).toBeGreaterThanOrEqual(parsed.events[i - 1]!.t);
    const kinds = new Set(parsed.events.map((e) => e.k));
    for (const k of ['send', 'recv', 'drop', 'role', 'commit', 'call', 'ret', 'fault', 'verdict', 'propose']) expect(kinds).toContain(k);
  });
});
