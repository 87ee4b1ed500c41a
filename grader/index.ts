/**
 * The grader's server-side API. Import from 'grader' in route handlers and server code only
 * (it reads hidden tests and forks worker processes); see README.md.
 */
import { readGraderConfig } from './config';
import { listLabSummaries, loadPrivateLab, loadPublicLab, type LabSummary, type PrivateLab, type PublicLab } from './lab-loader';

export { gradeSubmission, gradeRequestSchema, shutdownGrader, defaultGraderDeps, type GradeRequest, type GraderDeps } from './grade-submission';
export { gradeResultSchema, testResultSchema, type GradeResult, type TestResult, type ErrorKind } from './results-schema';
export { labManifestSchema, type LabManifest } from './lab-manifest-schema';
export { LabNotFoundError, LabPackageError, type LabSummary, type PublicLab, type PrivateLab } from './lab-loader';
export { transpileLearnerCode, type TranspileResult } from './transpile';
export { WorkerPool, type WorkerPoolOptions } from './worker/worker-pool';
export { hardLimits, defaultLimits } from './limits';

/** Every lab package, validated, sorted by id. */
export function listLabs(labsDir = readGraderConfig().labsDir): Promise<LabSummary[]> {
  return listLabSummaries(labsDir);
}

/** The browser-safe part of a lab: manifest, README, starter, editor types, visible tests. */
export function loadLab(labId: string, labsDir = readGraderConfig().labsDir): Promise<PublicLab> {
  return loadPublicLab(labsDir, labId);
}

/** Server only: hidden tests, reference and mutants. */
export function loadLabPrivate(labId: string, labsDir = readGraderConfig().labsDir): Promise<PrivateLab> {
  return loadPrivateLab(labsDir, labId);
}
