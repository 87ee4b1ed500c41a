/**
 * Replays one scenario run exactly, from its name and seed:
 *   npx tsx scripts/replay.ts <scenario> --seed 1234 [--trace out.json] [--tail 40]
 * Prints the failures (or "ok") and the last trace events; --trace writes the whole JSON trace
 * for the replay viewer. `npx tsx scripts/replay.ts --list` names every scenario.
 */
import { writeFileSync } from 'node:fs';
import { findScenario, SCENARIOS } from '../engine/raft/scenarios/index';

function main(argv: readonly string[]): number {
  if (argv.includes('--list')) {
    for (const s of SCENARIOS) console.log(`${s.name.padEnd(32)} ${s.cites}`);
    return 0;
  }
  const name = argv[0];
  const flag = (f: string): string | undefined => {
    const i = argv.indexOf(f);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(flag('--seed'));
  const scenario = name === undefined ? undefined : findScenario(name);
  if (scenario === undefined || !Number.isInteger(seed)) {
    console.error('usage: npx tsx scripts/replay.ts <scenario> --seed N [--trace out.json] [--tail N]   (--list for names)');
    return 2;
  }
  const { failures, world } = scenario.run(seed);
  const c = world.cluster;
  const tail = Number(flag('--tail') ?? 40);
  if (tail > 0) for (const e of c.trace.events.slice(-tail)) console.log(JSON.stringify(e));
  console.log(`\n${scenario.name} seed ${seed} (${scenario.cites}): ${c.nowMs()} virtual ms, ${c.stats.events} events, ${c.trace.events.length} trace events`);
  const out = flag('--trace');
  if (out !== undefined) {
    writeFileSync(out, JSON.stringify(c.trace));
    console.log(`trace written to ${out}`);
  }
  if (failures.length === 0) {
    console.log('ok');
    return 0;
  }
  console.log(`FAILED:\n${failures.join('\n')}`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
