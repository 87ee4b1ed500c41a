// npm run test:loaded: the lab contract suite and the grader's abuse suite while two busy processes
// keep the machine's cores loaded, to show that no verdict depends on how busy the machine is
// (limits are CPU time; the contract's 25% CPU margin holds under load). Extra arguments go to
// vitest, e.g. `npm run test:loaded -- -t raft`. LOADERS=n changes the number of busy processes.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const vitestBin = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const loaders = Number(process.env.LOADERS ?? 2);
if (!Number.isInteger(loaders) || loaders < 0 || loaders > 64) {
  process.stderr.write('LOADERS must be a whole number from 0 to 64\n');
  process.exit(2);
}

const busy = Array.from({ length: loaders }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopLoaders = () => {
  for (const child of busy) if (child.exitCode === null) child.kill('SIGKILL');
};
process.on('exit', stopLoaders);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const startedMs = Date.now();
const sampler = setInterval(() => process.stdout.write(`[test:loaded] load average ${os.loadavg()[0].toFixed(1)} after ${Math.round((Date.now() - startedMs) / 1000)} s\n`), 30_000);
process.stdout.write(`[test:loaded] ${loaders} busy processes on ${os.availableParallelism()} cores\n`);
const run = spawn(process.execPath, [vitestBin, 'run', 'test/unit/labs/contract.test.ts', 'test/unit/grader/abuse-suite.test.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CONTRACT_REPORT: '1' },
});
run.on('exit', (code, signal) => {
  clearInterval(sampler);
  stopLoaders();
  process.stdout.write(`[test:loaded] finished in ${Math.round((Date.now() - startedMs) / 1000)} s under ${loaders} busy processes\n`);
  process.exit(code ?? (signal ? 1 : 0));
});
