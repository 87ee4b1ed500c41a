import { describe, expect, it } from 'vitest';
import { replayCommand, SCENARIOS } from '../../../engine/raft/scenarios/index';

// The classic Raft lab catalogue, every scenario across many seeds. SEEDS=500 for a bigger sweep;
// SEED_BASE shifts the window. A failure names its seed and the command that replays it.
const SEEDS = Number(process.env.SEEDS ?? 60);
const SEED_BASE = Number(process.env.SEED_BASE ?? 1);

describe('Raft scenarios', () => {
  for (const scenario of SCENARIOS) {
    // Each scenario cites what it checks, e.g. "Raft §5.4.2 Figure 8".
    it(`${scenario.name} (${scenario.cites}) over ${SEEDS} seeds`, () => {
      const failed: string[] = [];
      for (let seed = SEED_BASE; seed < SEED_BASE + SEEDS; seed++) {
        const { failures } = scenario.run(seed);
        if (failures.length > 0) failed.push(`seed ${seed}: ${failures.slice(0, 3).join('; ')}\n  replay: ${replayCommand(scenario.name, seed)}`);
      }
      expect(failed, failed.join('\n')).toEqual([]);
    });
  }
});
