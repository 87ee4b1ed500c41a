// The mutation record of a lab (labs/<lab>/.meta/mutation.json): what StrykerJS found, summarized,
// with a hash of the inputs it was measured on, so `npm test` can tell a stale record from a
// current one. Shared by scripts/mutation.mjs and test/unit/labs/mutation-record.test.ts.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const RECORD_FILE = path.join('.meta', 'mutation.json');
export const EQUIVALENTS_FILE = path.join('.meta', 'equivalent-mutants.md');
export const TARGET_SCORE = 0.95;

/** The files whose contents decide the score: the reference and every suite file of the lab. */
export function mutationInputs(labDir) {
  const suiteFiles = readdirSync(labDir)
    .filter((f) => f.endsWith('.ts') && f !== 'starter.ts' && f !== 'api.d.ts')
    .sort();
  return [path.join('.meta', 'reference.ts'), ...suiteFiles];
}

export function inputsHash(labDir) {
  const hash = createHash('sha256');
  for (const file of mutationInputs(labDir)) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(path.join(labDir, file), 'utf8').replace(/\r\n/g, '\n'));
    hash.update('\n\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** A surviving mutant's stable name: where it is, which mutator, what it wrote. */
export function mutantKey(mutant) {
  const replacement = String(mutant.replacement ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `L${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName} ${JSON.stringify(replacement)}`;
}

/**
 * The keys listed in equivalent-mutants.md: each bullet starts with the key as a Markdown code span
 * (`key`, or ``key`` with a space inside the fences when the key itself holds a backtick).
 */
export function readEquivalents(labDir) {
  const file = path.join(labDir, EQUIVALENTS_FILE);
  if (!existsSync(file)) return [];
  return [...readFileSync(file, 'utf8').matchAll(/^[-*] (`+)(?!`) ?(.+?) ?\1(?!`)/gm)].map((m) => m[2]);
}

/** Summarizes a Stryker JSON report (mutation-testing-report-schema) for one lab. */
export function summarize(lab, labDir, report, strykerVersion) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  const undetected = [];
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') undetected.push({ key: mutantKey(mutant), status: mutant.status });
    }
  }
  return scoreRecord({
    lab,
    strykerVersion,
    inputsHash: inputsHash(labDir),
    mutants: counts.Killed + counts.Timeout + counts.Survived + counts.NoCoverage,
    killed: counts.Killed,
    timeout: counts.Timeout,
    survived: counts.Survived,
    noCoverage: counts.NoCoverage,
    invalid: counts.CompileError + counts.RuntimeError,
    undetected: undetected.sort((a, b) => a.key.localeCompare(b.key)),
  }, readEquivalents(labDir));
}

/** Adds the score: detected / (all valid mutants − the undetected ones documented as equivalent). */
export function scoreRecord(record, equivalents) {
  const listed = new Set(equivalents);
  const equivalent = record.undetected.filter((u) => listed.has(u.key)).length;
  const detected = record.killed + record.timeout;
  const denominator = record.mutants - equivalent;
  return { ...record, equivalent, score: denominator === 0 ? 1 : detected / denominator };
}
