import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabNotFoundError, LabPackageError, listLabSummaries, loadPrivateLab, loadPublicLab, missingLabFiles } from '@/grader/lab-loader';

const labsDir = path.resolve(__dirname, '../../../labs');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'grader-loader-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeLab(id: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(scratch, id, file)), { recursive: true });
    writeFileSync(path.join(scratch, id, file), text);
  }
}

const manifest = (id: string) => JSON.stringify({ id, topic: 't', title: 'A lab', summary: 's', difficulty: 'core', estimatedMinutes: 30, stages: [{ id: 'one', title: 'One' }] });

describe('lab loader', () => {
  it('loads the public part of hello-counter without hidden tests or reference', async () => {
    const lab = await loadPublicLab(labsDir, 'hello-counter');
    expect(lab.manifest.id).toBe('hello-counter');
    expect(lab.starter).toContain('export class Counter');
    expect(lab.visibleTests).toContain("from './solution'");
    expect(Object.keys(lab).sort()).toEqual(['apiTypes', 'manifest', 'readme', 'starter', 'suiteStrength', 'visibleTests']);
    expect(JSON.stringify(lab)).not.toContain('hidden-audit-marker');
    // The mutation score's numbers only, from .meta/mutation.json.
    expect(lab.suiteStrength).toMatchObject({ score: expect.any(Number), mutants: expect.any(Number), detected: expect.any(Number), equivalent: expect.any(Number) });
  });

  it('loads the private part with every mutant', async () => {
    const lab = await loadPrivateLab(labsDir, 'hello-counter');
    expect(lab.hiddenTests).toContain('hidden-audit-marker');
    expect(lab.reference).toContain('class Counter');
    const files = readdirSync(path.join(labsDir, 'hello-counter', '.meta', 'mutants')).filter((f) => f.endsWith('.ts'));
    expect(lab.mutants.map((m) => m.name)).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
    expect(lab.mutants.map((m) => m.name)).toContain('reapplies-stale-duplicates');
  });

  it('lists lab packages and skips engine folders', async () => {
    const labs = await listLabSummaries(labsDir);
    expect(labs.map((l) => l.id)).toContain('hello-counter');
    expect(labs.map((l) => l.id)).not.toContain('sim');
    expect(labs.map((l) => l.id)).not.toContain('grader');
  });

  it('leaves an incomplete package out of the catalogue, naming what it lacks', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grader-list-'));
    try {
      const full = { 'lab.json': '', 'README.mdx': '# x', 'starter.ts': '', 'api.d.ts': '', 'visible.test.ts': '', 'hidden.test.ts': '', '.meta/reference.ts': '', '.meta/mutants/bug.ts': '' };
      for (const [id, files] of [['complete', full], ['half-written', { 'lab.json': '', 'starter.ts': '' }]] as const) {
        for (const [file, text] of Object.entries(files)) {
          mkdirSync(path.dirname(path.join(dir, id, file)), { recursive: true });
          writeFileSync(path.join(dir, id, file), file === 'lab.json' ? manifest(id) : text);
        }
      }
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (m: string) => warnings.push(m);
      try {
        expect((await listLabSummaries(dir)).map((l) => l.id)).toEqual(['complete']);
      } finally {
        console.warn = warn;
      }
      expect(await missingLabFiles(dir, 'half-written')).toEqual(['README.mdx', 'api.d.ts', 'visible.test.ts', 'hidden.test.ts', '.meta/reference.ts', '.meta/mutants/*.ts or *.patch']);
      expect(warnings).toEqual([expect.stringContaining('lab "half-written" is incomplete and not listed: missing README.mdx')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses ids that are not kebab-case, so no path can escape the labs directory', async () => {
    await expect(loadPublicLab(labsDir, '../package')).rejects.toBeInstanceOf(LabNotFoundError);
    await expect(loadPublicLab(labsDir, 'no-such-lab')).rejects.toBeInstanceOf(LabNotFoundError);
  });

  it('reports a lab.json that does not match its folder or the schema', async () => {
    writeLab('misnamed', { 'lab.json': manifest('other-name') });
    writeLab('invalid', { 'lab.json': '{"id": "invalid"}' });
    writeLab('not-json', { 'lab.json': '{' });
    await expect(loadPublicLab(scratch, 'misnamed')).rejects.toThrow(/does not match its folder/);
    await expect(loadPublicLab(scratch, 'invalid')).rejects.toThrow(/topic/);
    await expect(loadPublicLab(scratch, 'not-json')).rejects.toThrow(/not valid JSON/);
  });

  it('names the missing file of an incomplete package, and requires at least one mutant', async () => {
    writeLab('incomplete', { 'lab.json': manifest('incomplete'), 'README.mdx': '#', 'starter.ts': '', 'api.d.ts': '' });
    await expect(loadPublicLab(scratch, 'incomplete')).rejects.toThrow(/missing visible.test.ts/);
    writeLab('no-mutants', { 'lab.json': manifest('no-mutants'), 'visible.test.ts': '', 'hidden.test.ts': '', '.meta/reference.ts': '' });
    const error = await loadPrivateLab(scratch, 'no-mutants').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabPackageError);
    expect((error as Error).message).toMatch(/at least one mutant/);
  });

  it('reads a mutant written as a patch of the reference, and refuses one that does not apply, changes nothing or doubles a name', async () => {
    const reference = 'export function quorum(n: number): number {\n  return Math.floor(n / 2) + 1;\n}\n';
    const patch = [
      '--- a/.meta/reference.ts',
      '+++ b/.meta/reference.ts',
      '@@ -1,3 +1,3 @@',
      ' export function quorum(n: number): number {',
      '-  return Math.floor(n / 2) + 1;',
      '+  return Math.ceil(n / 2);',
      ' }',
      '',
    ].join('\n');
    const base = { 'lab.json': manifest('patched'), 'visible.test.ts': '', 'hidden.test.ts': '', '.meta/reference.ts': reference };
    writeLab('patched', { ...base, '.meta/mutants/quorum-rounds-up.patch': patch, '.meta/mutants/whole.ts': 'export const x = 1;\n' });
    const lab = await loadPrivateLab(scratch, 'patched');
    expect(lab.mutants.map((m) => [m.name, m.kind])).toEqual([['quorum-rounds-up', 'patch'], ['whole', 'file']]);
    expect(lab.mutants[0]!.source).toBe(reference.replace('Math.floor(n / 2) + 1', 'Math.ceil(n / 2)'));

    const stale = patch.replace(' export function quorum(n: number): number {', ' export function quorumOf(n: number): number {');
    writeLab('stale-patch', { ...base, 'lab.json': manifest('stale-patch'), '.meta/mutants/stale.patch': stale });
    await expect(loadPrivateLab(scratch, 'stale-patch')).rejects.toThrow(/stale.patch does not apply to .meta\/reference.ts/);

    writeLab('twice', { ...base, 'lab.json': manifest('twice'), '.meta/mutants/same.patch': patch, '.meta/mutants/same.ts': 'export const x = 1;\n' });
    await expect(loadPrivateLab(scratch, 'twice')).rejects.toThrow(/named twice.*same/);
  });

  it('reads the optional alternative correct solutions beside the mutants, in the same formats', async () => {
    const reference = 'export function quorum(n: number): number {\n  return Math.floor(n / 2) + 1;\n}\n';
    const patch = ['--- a/.meta/reference.ts', '+++ b/.meta/reference.ts', '@@ -1,3 +1,3 @@', ' export function quorum(n: number): number {', '-  return Math.floor(n / 2) + 1;', '+  return (n >> 1) + 1;', ' }', ''].join('\n');
    const base = { 'visible.test.ts': '', 'hidden.test.ts': '', '.meta/reference.ts': reference, '.meta/mutants/m.ts': 'export const x = 1;\n' };
    writeLab('no-alternatives', { ...base, 'lab.json': manifest('no-alternatives') });
    expect((await loadPrivateLab(scratch, 'no-alternatives')).alternatives).toEqual([]);
    writeLab('alternatives', { ...base, 'lab.json': manifest('alternatives'), '.meta/alternatives/shifts.patch': patch });
    const lab = await loadPrivateLab(scratch, 'alternatives');
    expect(lab.alternatives).toEqual([{ name: 'shifts', kind: 'patch', source: reference.replace('Math.floor(n / 2) + 1', '(n >> 1) + 1') }]);
    writeLab('stale-alternative', { ...base, 'lab.json': manifest('stale-alternative'), '.meta/alternatives/shifts.patch': patch.replace('quorum(n', 'quorumOf(n') });
    await expect(loadPrivateLab(scratch, 'stale-alternative')).rejects.toThrow(/\.meta\/alternatives\/shifts\.patch does not apply/);
  });
});
