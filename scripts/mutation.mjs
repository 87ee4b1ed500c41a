// npm run mutation [-- <lab> ...]: StrykerJS over each lab's .meta/reference.ts against its visible
// and hidden suites; writes labs/<lab>/.meta/mutation.json, prints the table and rewrites the
// table in README.md. Long: not part of `npm test`, which only checks that the records are current.
//   --concurrency N   Stryker's test-runner processes (default 2)
//   --table           only rescore the records (after editing equivalent-mutants.md) and rewrite the table
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECORD_FILE, readEquivalents, scoreRecord, summarize, TARGET_SCORE } from './mutation-record.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const labsDir = path.join(root, 'labs');
const allLabs = readdirSync(labsDir).filter((d) => existsSync(path.join(labsDir, d, 'lab.json'))).sort();

function usage(message) {
  process.stderr.write(`${message}\nusage: npm run mutation -- [--concurrency N] [--table] [lab ...]\nlabs: ${allLabs.join(', ')}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let concurrency = 2;
let tableOnly = false;
const labs = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--concurrency') {
    concurrency = Number(args[++i]);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) usage('--concurrency takes a whole number from 1 to 16');
  } else if (arg === '--table') tableOnly = true;
  else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
  else if (!allLabs.includes(arg)) usage(`no lab "${arg}"`);
  else labs.push(arg);
}

const strykerBin = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const strykerVersion = JSON.parse(readFileSync(require.resolve('@stryker-mutator/core/package.json'), 'utf8')).version;

/** A lab's record, its score recomputed from the current equivalent-mutants.md (and stored again if that changed it). */
function readRecord(lab) {
  const file = path.join(labsDir, lab, RECORD_FILE);
  if (!existsSync(file)) return undefined;
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  const record = scoreRecord(stored, readEquivalents(path.join(labsDir, lab)));
  if (record.score !== stored.score || record.equivalent !== stored.equivalent) writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

let failed = false;
for (const lab of tableOnly ? [] : labs.length ? labs : allLabs) {
  process.stdout.write(`\n== ${lab}: mutating labs/${lab}/.meta/reference.ts\n`);
  const run = spawnSync(process.execPath, [strykerBin, 'run', 'stryker.config.mjs'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_LAB: lab, MUTATION_CONCURRENCY: String(concurrency), NEXT_TELEMETRY_DISABLED: '1' },
  });
  const reportFile = path.join(root, 'reports', 'mutation', `${lab}.json`);
  if (run.status !== 0 || !existsSync(reportFile)) {
    process.stderr.write(`Stryker failed for ${lab} (exit ${run.status}); no record written\n`);
    failed = true;
    continue;
  }
  const record = summarize(lab, path.join(labsDir, lab), JSON.parse(readFileSync(reportFile, 'utf8')), strykerVersion);
  writeFileSync(path.join(labsDir, lab, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
  const equivalents = new Set(readEquivalents(path.join(labsDir, lab)));
  const open = record.undetected.filter((u) => !equivalents.has(u.key));
  process.stdout.write(`${lab}: ${(record.score * 100).toFixed(1)}% (${record.killed + record.timeout} of ${record.mutants} detected, ${record.equivalent} equivalent)\n`);
  for (const u of open) process.stdout.write(`  ${u.status === 'NoCoverage' ? 'no test covers' : 'survived'}: ${u.key}\n`);
}

// The table of every lab's current record, printed and written into README.md.
const rows = allLabs.map((lab) => ({ lab, record: readRecord(lab) }));
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const table = [
  '| lab | mutants | detected | equivalent | undetected | score |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(({ lab, record: r }) =>
    r ? `| ${lab} | ${r.mutants} | ${r.killed + r.timeout} | ${r.equivalent} | ${r.survived + r.noCoverage - r.equivalent} | ${pct(r.score)} |` : `| ${lab} | – | – | – | – | not measured |`,
  ),
].join('\n');
process.stdout.write(`\n${table}\n`);
const readmePath = path.join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const marked = /(<!-- mutation-table:start -->)[\s\S]*?(<!-- mutation-table:end -->)/;
if (marked.test(readme)) writeFileSync(readmePath, readme.replace(marked, (_all, start, end) => `${start}\n${table}\n${end}`));
const below = rows.filter(({ record }) => record && record.score < TARGET_SCORE).map(({ lab }) => lab);
if (below.length) process.stdout.write(`below ${pct(TARGET_SCORE)}: ${below.join(', ')}\n`);
process.exit(failed ? 1 : 0);
