// `npm run bench`: runs every bench/*.ts in turn (each prints its own figures and ratios).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const only = process.argv.slice(2);
// Benches that start servers and browsers run only when named (`npm run bench -- scale`, `-- editor`).
const namedOnly = new Set(['scale.ts', 'editor.ts', 'grader-labs.ts', 'run-in-browser.ts', 'profile-suite.ts']);
const files = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .filter((f) => (only.length === 0 ? !namedOnly.has(f) : only.some((o) => f.includes(o))))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== bench/${file} ===`);
  const r = spawnSync(process.execPath, ['--no-node-snapshot', tsx, path.join('bench', file)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
