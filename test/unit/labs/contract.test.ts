/**
 * The lab package contract, for every lab under labs/ (filter with LABS=id,id):
 * - lab.json is valid, its topic exists and its related lessons resolve;
 * - starter, reference and every mutant type-check with the tests against api.d.ts;
 * - the reference passes every visible and hidden test using at most 25% of the lab's CPU-time
 *   limit (measured as the sandbox's CPU time, so the margin holds on a busy machine), and the
 *   hidden run includes every visible test (Submit fails whatever Run fails);
 * - the starter compiles and fails;
 * - every mutant fails at least one hidden test, and at least one mutant passes the visible tests
 *   while failing the hidden ones (the hidden suite is strictly stronger);
 * - every alternative correct solution (.meta/alternatives/, where a lab has them) passes every hidden test:
 *   no check demands a choice the lab's rules leave open;
 * - the hidden suite runs many seeds, and a failing seeded test names its seed;
 * - the help ladder (issue 19): every stage lists at least one README hint, each hint id exists in
 *   README.mdx and README.zh.mdx, every hidden test belongs to a declared stage, WALKTHROUGH.mdx and
 *   WALKTHROUGH.zh.mdx exist, compile and have one `##` per stage (plus the closing "Putting it
 *   together"), and the untouched starter passes at most 10% of the hidden tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeSubmission, type GraderDeps } from '@/grader/grade-submission';
import { localizeTestName } from '@/lib/labs/result-text';
import { zhResultTexts } from '@/lib/labs/zh-lab';
import { loadPrivateLab } from '@/grader/lab-loader';
import { labManifestSchema } from '@/grader/lab-manifest-schema';
import { visibleTestPrefix } from '@/grader/harness/registry';
import { referenceCpuShareMax } from '@/grader/limits';
import { WorkerPool } from '@/grader/worker/worker-pool';
import { findLesson, loadCatalog } from '@/lib/content/catalog';
import { compileLesson } from '@/lib/content/compile';
import { extractHeadings } from '@/lib/content/headings';
import { checkLink, extractInternalLinks } from '@/lib/content/links';
import { TOPIC_IDS } from '@/lib/content/schema';
import { typecheckLab } from './typecheck-lab';

const root = path.resolve(import.meta.dirname, '../../..');
const labsDir = path.join(root, 'labs');
const only = (process.env.LABS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const labIds = fs
  .readdirSync(labsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(labsDir, e.name, 'lab.json')))
  .map((e) => e.name)
  .filter((id) => only.length === 0 || only.includes(id))
  .sort();

/** Graded under load a suite may take many times its idle wall time; the verdicts do not depend on it. */
const contractTimeoutMs = 15 * 60_000;
/** The reference's CPU share per lab, printed at the end (CONTRACT_REPORT=1). */
const cpuShares = new Map<string, number>();

const pool = new WorkerPool({ size: Number(process.env.GRADER_POOL_SIZE ?? 2), sandbox: 'isolated-vm', rootDir: root });
const deps: GraderDeps = { pool, labsDir };
afterAll(async () => {
  await pool.close();
  if (process.env.CONTRACT_REPORT) {
    for (const [lab, share] of [...cpuShares].sort()) process.stdout.write(`reference CPU share ${lab}: ${(share * 100).toFixed(1)}%\n`);
  }
});

const MIN_SEEDS = 8;
/** The share of hidden tests an untouched starter may pass (the help ladder's "fails most tests"). */
const STARTER_PASS_SHARE_MAX = 0.1;

/** `<Hint id="…">` ids of an MDX source, in order (duplicates kept, to be reported). */
function hintIds(source: string): string[] {
  return [...source.matchAll(/<Hint\b[^>]*?\bid=["']([^"']+)["']/g)].map((m) => m[1]!);
}
const catalog = loadCatalog();

function read(lab: string, file: string): string {
  return fs.readFileSync(path.join(labsDir, lab, file), 'utf8');
}

function summary(result: Awaited<ReturnType<typeof gradeSubmission>>): string {
  const failed = result.tests.filter((t) => t.status !== 'pass').slice(0, 3);
  return [result.message ?? '', ...failed.map((t) => `${t.name}: ${t.message ?? t.status}`)].join('\n').slice(0, 1500);
}

it('finds the labs', () => {
  expect(labIds.length).toBeGreaterThan(0);
});

it('the type check would notice a candidate that does not fit the tests', () => {
  const dir = path.join(labsDir, 'hello-counter');
  const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'typecheck-')), 'bad.ts');
  fs.writeFileSync(bad, 'export class Counter { constructor(n: number) { process.exit(n); } }\n');
  const problems = typecheckLab(dir, bad, [path.join(dir, 'visible.test.ts')]);
  expect(problems.join('\n')).toMatch(/Cannot find name 'process'/);
  expect(problems.length).toBeGreaterThan(1);
});

describe.concurrent.each(labIds)('lab %s', { timeout: contractTimeoutMs }, (lab) => {
  const dir = path.join(labsDir, lab);

  it('has a valid manifest whose topic and related lessons exist', () => {
    const manifest = labManifestSchema.parse(JSON.parse(read(lab, 'lab.json')));
    expect(manifest.id).toBe(lab);
    expect(TOPIC_IDS as readonly string[]).toContain(manifest.topic);
    for (const ref of manifest.relatedLessons) {
      const [topic, slug] = ref.split('/') as [string, string];
      expect(findLesson(topic, slug), `${lab}: related lesson ${ref}`).toBeDefined();
    }
    const stagesUsed = new Set([...`${read(lab, 'visible.test.ts')}\n${read(lab, 'hidden.test.ts')}`.matchAll(/stage\(\s*'([^']+)'/g)].map((m) => m[1]));
    for (const s of manifest.stages) expect(stagesUsed.has(s.id), `${lab}: stage ${s.id} is declared but no test uses it`).toBe(true);
  });

  it('README.mdx compiles with the lesson pipeline and its internal links resolve', async () => {
    const source = read(lab, 'README.mdx');
    const { code } = await compileLesson(source, `labs/${lab}/README.mdx`);
    expect(code.length).toBeGreaterThan(200);
    const problems = extractInternalLinks(source)
      .map((href) => ({ href, problem: checkLink(href, catalog, { topic: '', slug: '' }) }))
      .filter((p) => p.problem !== null && !p.href.startsWith('#'));
    expect(problems).toEqual([]);
  });

  it('has a hint ladder: hints for every stage in both READMEs, and a walkthrough per stage in both languages', async () => {
    const manifest = labManifestSchema.parse(JSON.parse(read(lab, 'lab.json')));
    const problems: string[] = [];
    const readmes = { 'README.mdx': hintIds(read(lab, 'README.mdx')), 'README.zh.mdx': fs.existsSync(path.join(dir, 'README.zh.mdx')) ? hintIds(read(lab, 'README.zh.mdx')) : null };
    for (const [file, ids] of Object.entries(readmes)) {
      if (ids === null) {
        problems.push(`${file} is missing`);
        continue;
      }
      const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (dupes.length > 0) problems.push(`${file}: hint ids used twice: ${dupes.join(', ')}`);
    }
    for (const stage of manifest.stages) {
      if (!stage.hints || stage.hints.length === 0) problems.push(`stage ${stage.id} lists no hints (lab.json stages[].hints)`);
      for (const id of stage.hints ?? []) {
        for (const [file, ids] of Object.entries(readmes)) if (ids && !ids.includes(id)) problems.push(`stage ${stage.id}: hint "${id}" is not a <Hint id="${id}"> of ${file}`);
      }
    }
    for (const file of ['WALKTHROUGH.mdx', 'WALKTHROUGH.zh.mdx']) {
      if (!fs.existsSync(path.join(dir, file))) {
        problems.push(`${file} is missing`);
        continue;
      }
      const source = read(lab, file);
      try {
        await compileLesson(source, `labs/${lab}/${file}`);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
      const sections = extractHeadings(source).filter((h) => h.depth === 2);
      if (sections.length !== manifest.stages.length + 1) {
        problems.push(`${file} has ${sections.length} "##" sections; expected one per stage (${manifest.stages.length}) and a closing "Putting it together"`);
      }
    }
    expect(problems, `${lab}: help ladder`).toEqual([]);
  });

  it('type-checks: starter, reference, every mutant and every alternative against the tests and api.d.ts', async () => {
    const tests = ['visible.test.ts', 'hidden.test.ts'].map((f) => path.join(dir, f));
    for (const candidate of ['starter.ts', '.meta/reference.ts']) {
      expect(typecheckLab(dir, path.join(dir, candidate), tests), `${lab}/${candidate}`).toEqual([]);
    }
    // Whole-file mutants where they are; a patch of the reference beside it, so its imports resolve the same way.
    const { mutants, alternatives } = await loadPrivateLab(labsDir, lab);
    for (const m of [...mutants, ...alternatives]) {
      const folder = mutants.includes(m) ? 'mutants' : 'alternatives';
      const file = m.kind === 'file' ? path.join(dir, '.meta', folder, `${m.name}.ts`) : path.join(dir, '.meta', `${m.name}.mutant.ts`);
      expect(typecheckLab(dir, file, tests, m.kind === 'patch' ? m.source : undefined), `${lab}/.meta/${folder}/${m.name}.${m.kind === 'file' ? 'ts' : 'patch'}`).toEqual([]);
    }
  });

  it('the reference passes every visible and hidden test within the time limit', async () => {
    const manifest = labManifestSchema.parse(JSON.parse(read(lab, 'lab.json')));
    const reference = read(lab, '.meta/reference.ts');
    const [visible, hidden] = await Promise.all([
      gradeSubmission({ labId: lab, code: reference, mode: 'visible' }, deps),
      gradeSubmission({ labId: lab, code: reference, mode: 'hidden' }, deps),
    ]);
    expect(visible.status, summary(visible)).toBe('pass');
    expect(hidden.status, summary(hidden)).toBe('pass');
    expect(visible.tests.length).toBeGreaterThan(0);
    expect(hidden.tests.length).toBeGreaterThan(visible.tests.length);
    // Hidden ⊇ visible: Submit runs every visible test too, so it fails whatever Run fails.
    const hiddenNames = new Set(hidden.tests.map((t) => t.name));
    expect(visible.tests.map((t) => t.name).filter((name) => !hiddenNames.has(`${visibleTestPrefix}${name}`))).toEqual([]);
    // Every hidden test belongs to a declared stage: the results group by stage and the help ladder picks that stage's hint.
    const stageIds = new Set(manifest.stages.map((s) => s.id));
    expect(hidden.tests.filter((t) => t.stage === undefined || !stageIds.has(t.stage)).map((t) => `${t.name} (stage ${t.stage ?? 'none'})`), `${lab}: hidden tests outside a declared stage`).toEqual([]);
    // Every visible and hidden test has a Chinese name (labs/<id>/lab.zh.json "tests"/"testPatterns"), so a new test cannot ship untranslated.
    const zhTexts = zhResultTexts(lab, labsDir);
    expect([...hidden.tests, ...visible.tests].map((t) => t.name).filter((name) => !/\p{Script=Han}/u.test(localizeTestName(name, zhTexts)))).toEqual([]);
    // The margin that keeps a verdict independent of machine speed, measured as CPU time (not wall time).
    const cpuShare = (hidden.timings.cpuMs ?? Infinity) / manifest.limits.cpuTimeMs;
    expect(cpuShare, `${lab}: the reference's hidden run used ${hidden.timings.cpuMs?.toFixed(0)} ms of CPU, more than ${referenceCpuShareMax * 100}% of the ${manifest.limits.cpuTimeMs} ms limit`).toBeLessThanOrEqual(referenceCpuShareMax);
    cpuShares.set(lab, cpuShare);
    const seeds = new Set(hidden.tests.flatMap((t) => (t.seed === undefined ? [] : [t.seed])));
    expect(seeds.size, `${lab}: distinct seeds in the hidden suite`).toBeGreaterThanOrEqual(lab === 'hello-counter' ? 5 : MIN_SEEDS);
  });

  it('the starter compiles and fails', async () => {
    const result = await gradeSubmission({ labId: lab, code: read(lab, 'starter.ts'), mode: 'hidden' }, deps);
    expect(result.errorKind, summary(result)).not.toBe('compile');
    expect(result.status).not.toBe('pass');
    // The same run: the untouched starter passes at most 10% of the hidden tests, so the help ladder has failures to help with.
    const passed = result.tests.filter((t) => t.status === 'pass');
    expect(passed.length, `${lab}: the starter passes ${passed.length} of ${result.tests.length} hidden tests (at most ${STARTER_PASS_SHARE_MAX * 100}%): ${passed.map((t) => t.name).slice(0, 8).join('; ')}`).toBeLessThanOrEqual(Math.floor(result.tests.length * STARTER_PASS_SHARE_MAX));
  });

  it('every mutant fails a hidden test, and at least one passes the visible tests', async () => {
    const { mutants } = await loadPrivateLab(labsDir, lab);
    expect(mutants.length, `${lab}: mutants`).toBeGreaterThanOrEqual(3);
    const results = await Promise.all(
      mutants.map(async (m) => {
        // Each run stops at its first failing test: the contract asks only whether the mutant fails.
        const [hidden, visible] = await Promise.all([
          gradeSubmission({ labId: lab, code: m.source, mode: 'hidden', bail: true }, deps),
          gradeSubmission({ labId: lab, code: m.source, mode: 'visible', bail: true }, deps),
        ]);
        return { name: m.name, hidden, visible };
      }),
    );
    for (const r of results) {
      expect(r.hidden.status, `${lab}: mutant ${r.name} must fail a hidden test`).not.toBe('pass');
      expect(r.hidden.errorKind, `${lab}: mutant ${r.name} must compile`).not.toBe('compile');
      for (const t of r.hidden.tests.filter((t) => t.status === 'fail' && t.seed !== undefined)) {
        expect(`${t.name} ${t.message ?? ''}`, `${lab}: mutant ${r.name}, failing test "${t.name}" must name its seed`).toContain(String(t.seed));
      }
    }
    const stronger = results.filter((r) => r.visible.status === 'pass' && r.hidden.status !== 'pass').map((r) => r.name);
    expect(stronger.length, `${lab}: no mutant passes the visible tests and fails the hidden ones`).toBeGreaterThan(0);
  });

  it('every alternative correct solution passes every hidden test', async () => {
    const { alternatives } = await loadPrivateLab(labsDir, lab);
    const results = await Promise.all(alternatives.map(async (a) => ({ name: a.name, result: await gradeSubmission({ labId: lab, code: a.source, mode: 'hidden' }, deps) })));
    for (const { name, result } of results) expect(result.status, `${lab}: alternative ${name} is correct but failed:\n${summary(result)}`).toBe('pass');
  });
});
