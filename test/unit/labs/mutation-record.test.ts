/**
 * The mutation scores are measured by `npm run mutation` (StrykerJS, long), not here. What `npm test`
 * checks: every lab has a record, the record was measured on the current reference and suites (a
 * hash of them), it detects at least 95% of the mutants that are not documented as equivalent, and
 * every equivalent listed is a mutant that actually survived, with a reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EQUIVALENTS_FILE, inputsHash, RECORD_FILE, readEquivalents, scoreRecord, TARGET_SCORE } from '../../../scripts/mutation-record.mjs';

const labsDir = path.resolve(import.meta.dirname, '../../../labs');
const labIds = fs.readdirSync(labsDir).filter((d) => fs.existsSync(path.join(labsDir, d, 'lab.json'))).sort();

interface Record {
  lab: string;
  inputsHash: string;
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  undetected: { key: string; status: string }[];
}

describe.each(labIds)('mutation record of %s', (lab) => {
  const dir = path.join(labsDir, lab);
  const file = path.join(dir, RECORD_FILE);

  it('exists and was measured on the current reference and suites (else: npm run mutation -- ' + lab + ')', () => {
    expect(fs.existsSync(file), `${lab}: no ${RECORD_FILE}; run npm run mutation -- ${lab}`).toBe(true);
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as Record;
    expect(record.lab).toBe(lab);
    expect(record.inputsHash, `${lab}: the reference or a suite changed since the mutation run; run npm run mutation -- ${lab}`).toBe(inputsHash(dir));
    expect(record.mutants).toBe(record.killed + record.timeout + record.survived + record.noCoverage);
    expect(record.undetected.length).toBe(record.survived + record.noCoverage);
  });

  it(`detects at least ${TARGET_SCORE * 100}% of the mutants that are not equivalent`, () => {
    if (!fs.existsSync(file)) return;
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record & { score: number; equivalent: number };
    const equivalents = readEquivalents(dir);
    const record = scoreRecord(stored, equivalents);
    // The lab page shows the stored score: it must be the one the current equivalents give.
    expect({ score: stored.score, equivalent: stored.equivalent }, `${lab}: run npm run mutation -- --table after editing ${EQUIVALENTS_FILE}`).toEqual({ score: record.score, equivalent: record.equivalent });
    const open = record.undetected.filter((u) => !equivalents.includes(u.key)).map((u) => u.key);
    expect(record.score, `${lab}: ${(record.score * 100).toFixed(1)}%; not detected and not documented as equivalent:\n${open.join('\n')}`).toBeGreaterThanOrEqual(TARGET_SCORE);
  });

  it(`lists in ${EQUIVALENTS_FILE} only mutants that survived, each with a reason`, () => {
    if (!fs.existsSync(file)) return;
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as Record;
    const survivors = new Set(record.undetected.map((u) => u.key));
    const listed = readEquivalents(dir);
    expect(listed.filter((key) => !survivors.has(key)), `${lab}: equivalents that are not (or no longer) surviving mutants`).toEqual([]);
    const text = fs.existsSync(path.join(dir, EQUIVALENTS_FILE)) ? fs.readFileSync(path.join(dir, EQUIVALENTS_FILE), 'utf8') : '';
    for (const line of text.split('\n').filter((l) => /^[-*] `/.test(l))) {
      expect(line.replace(/^[-*] (`+)(?!`) ?(.+?) ?\1(?!`):?/, '').trim().length, `${lab}: "${line.slice(0, 80)}" needs a reason`).toBeGreaterThan(15);
    }
  });
});

describe('the mutation-record helpers', () => {
  it('score a record: detected over all mutants less the documented equivalents', () => {
    const record = { mutants: 20, killed: 17, timeout: 1, survived: 2, noCoverage: 0, undetected: [{ key: 'a', status: 'Survived' }, { key: 'b', status: 'Survived' }] };
    expect(scoreRecord(record, []).score).toBeCloseTo(18 / 20);
    expect(scoreRecord(record, ['a']).score).toBeCloseTo(18 / 19);
    expect(scoreRecord(record, ['a', 'b', 'not-a-survivor']).score).toBe(1);
  });
});
