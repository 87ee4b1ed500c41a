/**
 * Hard ceilings for every submission, whatever a lab asks for, and the defaults a lab gets
 * when its lab.json does not say.
 */
export const hardLimits = {
  cpuTimeMs: 20_000,
  memoryMb: 128,
  codeSizeKb: 64,
  outputCharsPerTest: 16_384,
} as const;

export const defaultLimits = {
  cpuTimeMs: 5_000,
  memoryMb: 64,
  codeSizeKb: 64,
  outputCharsPerTest: 4_096,
} as const;

/** Caps on harness-written text that are not lab-tunable. */
export const messageChars = 1_000;
export const traceChars = 16_384;
/** The host refuses a sandbox run whose total reported text exceeds this (a harness bug, never expected). */
export const maxReportChars = 4_000_000;

/**
 * The verdict's time limit is CPU time, which does not grow when the machine is busy. The wall
 * clock stops a run only as a backstop this many times larger (a machine so loaded that a run
 * gets less than a fifth of a core), so that nothing can hold a worker forever.
 */
export const wallBackstopFactor = 5;

export function wallBackstopMs(cpuTimeMs: number): number {
  return cpuTimeMs * wallBackstopFactor;
}

/** A lab's reference must grade its hidden suite in at most this share of the CPU limit (the contract test). */
export const referenceCpuShareMax = 0.25;

export interface SubmissionLimits {
  cpuTimeMs: number;
  memoryMb: number;
  codeSizeKb: number;
  outputCharsPerTest: number;
}
