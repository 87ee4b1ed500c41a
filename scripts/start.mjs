// `npm start`: migrate the SQLite database, build once if there is no production build, then serve
// on http://localhost:3000 (PORT overrides). One command from a fresh clone after `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { migrate } from './db-migrate.mjs';

// Next.js telemetry would phone home; this app makes no outside requests.
process.env.NEXT_TELEMETRY_DISABLED = '1';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');

function run(args) {
  const result = spawnSync(process.execPath, [nextBin, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  const file = migrate({ quiet: true });
  console.log(`database ready: ${path.relative(root, file)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')) || process.env.REBUILD === '1') {
  console.log('no production build yet: building (about a minute, once)…');
  run(['build']);
}

const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [nextBin, 'start', '-p', port], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
