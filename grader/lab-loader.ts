/**
 * Reads and validates lab packages (labs/<lab-id>/). The public part (manifest, README, starter,
 * editor types, visible tests) may be sent to the browser; the private part (hidden tests,
 * reference, mutants) must stay on the server: only the grader and server code read it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { applyPatch } from 'diff';
import { labManifestSchema, type LabManifest } from './lab-manifest-schema';

export const labFiles = {
  manifest: 'lab.json',
  readme: 'README.mdx',
  starter: 'starter.ts',
  apiTypes: 'api.d.ts',
  visibleTests: 'visible.test.ts',
  hiddenTests: 'hidden.test.ts',
  reference: '.meta/reference.ts',
  mutantsDir: '.meta/mutants',
  alternativesDir: '.meta/alternatives',
  mutationRecord: '.meta/mutation.json',
} as const;

/** The module name lab tests import the learner's code from: `import { X } from './solution'`. */
export const solutionModule = './solution';

export class LabPackageError extends Error {
  constructor(
    readonly labId: string,
    message: string,
  ) {
    super(`lab "${labId}": ${message}`);
    this.name = 'LabPackageError';
  }
}

export class LabNotFoundError extends Error {
  constructor(readonly labId: string) {
    super(`no lab with id "${labId}"`);
    this.name = 'LabNotFoundError';
  }
}

export interface LabSummary {
  id: string;
  topic: string;
  title: string;
  summary: string;
  difficulty: LabManifest['difficulty'];
  estimatedMinutes: number;
  stages: LabManifest['stages'];
  relatedLessons: string[];
}

/** Safe to send to the browser. */
export interface PublicLab {
  manifest: LabManifest;
  readme: string;
  starter: string;
  apiTypes: string;
  visibleTests: string;
  /** How strong the hidden suite is, from the last `npm run mutation` (null if never measured). */
  suiteStrength: SuiteStrength | null;
}

/** The public summary of a lab's mutation record: numbers only, nothing of the suite itself. */
export interface SuiteStrength {
  /** Detected ÷ (mutants − equivalent), 0..1. */
  score: number;
  mutants: number;
  detected: number;
  equivalent: number;
}

const mutationRecordSchema = z.object({
  mutants: z.number().int().min(0),
  killed: z.number().int().min(0),
  timeout: z.number().int().min(0),
  equivalent: z.number().int().min(0),
  score: z.number().min(0).max(1),
});

async function readSuiteStrength(dir: string): Promise<SuiteStrength | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, labFiles.mutationRecord), 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = mutationRecordSchema.safeParse(json);
  if (!parsed.success) return null;
  const r = parsed.data;
  return { score: r.score, mutants: r.mutants, detected: r.killed + r.timeout, equivalent: r.equivalent };
}

/** Server only. */
export interface PrivateLab {
  manifest: LabManifest;
  dir: string;
  hiddenTestsPath: string;
  visibleTestsPath: string;
  hiddenTests: string;
  reference: string;
  mutants: LabMutant[];
  /**
   * Other correct solutions (`.meta/alternatives/`, optional): each makes a choice the lab's rules leave open
   * differently from the reference (another back-up strategy, another timeout range), so the contract can prove
   * that no hidden test demands the reference's own choices. Same format as mutants.
   */
  alternatives: LabMutant[];
}

/**
 * A plausible wrong solution (a mutant) or another correct one (an alternative): a whole file (`<dir>/<name>.ts`)
 * or a patch of the reference (`<name>.patch`), here as its source.
 */
export interface LabMutant {
  name: string;
  kind: 'file' | 'patch';
  source: string;
}

const labIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function labDir(labsDir: string, labId: string): string {
  if (!labIdPattern.test(labId)) throw new LabNotFoundError(labId);
  return path.join(labsDir, labId);
}

async function readText(labId: string, dir: string, file: string): Promise<string> {
  try {
    return await fs.readFile(path.join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LabPackageError(labId, `missing ${file}`);
    throw error;
  }
}

export async function loadManifest(labsDir: string, labId: string): Promise<LabManifest> {
  const dir = labDir(labsDir, labId);
  let raw: string;
  try {
    raw = await fs.readFile(path.join(dir, labFiles.manifest), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LabNotFoundError(labId);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new LabPackageError(labId, `lab.json is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = labManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new LabPackageError(labId, `lab.json: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  if (parsed.data.id !== labId) throw new LabPackageError(labId, `lab.json id "${parsed.data.id}" does not match its folder`);
  return parsed.data;
}

export async function loadPublicLab(labsDir: string, labId: string): Promise<PublicLab> {
  const manifest = await loadManifest(labsDir, labId);
  const dir = labDir(labsDir, labId);
  const [readme, starter, apiTypes, visibleTests] = await Promise.all(
    [labFiles.readme, labFiles.starter, labFiles.apiTypes, labFiles.visibleTests].map((file) => readText(labId, dir, file)),
  );
  return { manifest, readme: readme!, starter: starter!, apiTypes: apiTypes!, visibleTests: visibleTests!, suiteStrength: await readSuiteStrength(dir) };
}

export async function loadPrivateLab(labsDir: string, labId: string): Promise<PrivateLab> {
  const manifest = await loadManifest(labsDir, labId);
  const dir = labDir(labsDir, labId);
  const [hiddenTests, reference] = await Promise.all([readText(labId, dir, labFiles.hiddenTests), readText(labId, dir, labFiles.reference)]);
  await readText(labId, dir, labFiles.visibleTests);
  const mutants = await readVariants(labId, dir, labFiles.mutantsDir, reference!);
  if (mutants.length === 0) throw new LabPackageError(labId, `${labFiles.mutantsDir}/ must hold at least one mutant (*.ts or *.patch)`);
  const alternatives = await readVariants(labId, dir, labFiles.alternativesDir, reference!);
  return {
    manifest,
    dir,
    hiddenTestsPath: path.join(dir, labFiles.hiddenTests),
    visibleTestsPath: path.join(dir, labFiles.visibleTests),
    hiddenTests: hiddenTests!,
    reference: reference!,
    mutants,
    alternatives,
  };
}

/** The solutions under `subdir` (whole files or patches of the reference), sorted by name; none when the folder is missing. */
async function readVariants(labId: string, dir: string, subdir: string, reference: string): Promise<LabMutant[]> {
  let files: string[];
  try {
    files = (await fs.readdir(path.join(dir, subdir))).filter((f) => f.endsWith('.ts') || f.endsWith('.patch')).sort();
  } catch {
    files = [];
  }
  const variants = await Promise.all(
    files.map(async (file): Promise<LabMutant> => {
      const text = (await readText(labId, dir, path.join(subdir, file)))!;
      if (file.endsWith('.ts')) return { name: file.replace(/\.ts$/, ''), kind: 'file', source: text };
      return { name: file.replace(/\.patch$/, ''), kind: 'patch', source: applyMutantPatch(labId, file, reference, text, subdir) };
    }),
  );
  const names = variants.map((m) => m.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) throw new LabPackageError(labId, `${subdir}: named twice (a .ts and a .patch): ${twice.join(', ')}`);
  return variants;
}

/**
 * A mutant written as a unified diff against .meta/reference.ts (`diff -u reference.ts mutant.ts`, or `git diff`),
 * so its one bug reads as a diff: applied with jsdiff, which refuses a hunk whose context does not match.
 */
export function applyMutantPatch(labId: string, file: string, reference: string, patch: string, subdir: string = labFiles.mutantsDir): string {
  let patched: string | false;
  try {
    patched = applyPatch(reference, patch);
  } catch (error) {
    throw new LabPackageError(labId, `${subdir}/${file} is not a unified diff: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (patched === false) throw new LabPackageError(labId, `${subdir}/${file} does not apply to ${labFiles.reference} (has the reference changed? regenerate the patch)`);
  if (patched === reference) throw new LabPackageError(labId, `${subdir}/${file} changes nothing in ${labFiles.reference}`);
  return patched;
}

/** The package files a lab still lacks (empty when it is complete). */
export async function missingLabFiles(labsDir: string, labId: string): Promise<string[]> {
  const dir = path.join(labsDir, labId);
  const required = [labFiles.manifest, labFiles.readme, labFiles.starter, labFiles.apiTypes, labFiles.visibleTests, labFiles.hiddenTests, labFiles.reference];
  const missing: string[] = [];
  for (const file of required) {
    try {
      await fs.access(path.join(dir, file));
    } catch {
      missing.push(file);
    }
  }
  const mutants = await fs.readdir(path.join(dir, labFiles.mutantsDir)).catch(() => [] as string[]);
  if (!mutants.some((f) => f.endsWith('.ts') || f.endsWith('.patch'))) missing.push(`${labFiles.mutantsDir}/*.ts or *.patch`);
  return missing;
}

/**
 * Every complete lab package under labsDir, validated, sorted by id. Engine folders (sim, raft, ...)
 * have no lab.json and are skipped. A folder with a lab.json but missing files is a lab being
 * written: it is left out of the catalogue with a warning naming the files (the lab contract test
 * fails on it), so one unfinished lab cannot take the site down. An invalid lab.json still throws.
 */
export async function listLabSummaries(labsDir: string): Promise<LabSummary[]> {
  const entries = await fs.readdir(labsDir, { withFileTypes: true });
  const ids: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !labIdPattern.test(entry.name)) continue;
    const missing = await missingLabFiles(labsDir, entry.name);
    if (missing.includes(labFiles.manifest)) continue; // not a lab package
    if (missing.length > 0) {
      console.warn(`lab "${entry.name}" is incomplete and not listed: missing ${missing.join(', ')}`);
      continue;
    }
    ids.push(entry.name);
  }
  const manifests = await Promise.all(ids.sort().map((id) => loadManifest(labsDir, id)));
  return manifests.map(({ id, topic, title, summary, difficulty, estimatedMinutes, stages, relatedLessons }) => ({ id, topic, title, summary, difficulty, estimatedMinutes, stages, relatedLessons }));
}
