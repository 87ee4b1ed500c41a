/**
 * Hard ceilings for every submission, whatever a lab asks for, and the defaults a lab gets
 * when its lab.json does not say.
 */
export const hardLimits = {
  wallTimeMs: 10_000,
  memoryMb: 128,
  codeSizeKb: 64,
  outputCharsPerTest: 16_384,
} as const;

export const defaultLimits = {
  wallTimeMs: 5_000,
  memoryMb: 64,
  codeSizeKb: 64,
  outputCharsPerTest: 4_096,
} as const;

/** Caps on harness-written text that are not lab-tunable. */
export const messageChars = 1_000;
export const traceChars = 16_384;
/** The host refuses a sandbox run whose total reported text exceeds this (a harness bug, never expected). */
export const maxReportChars = 4_000_000;

export interface SubmissionLimits {
  wallTimeMs: number;
  memoryMb: number;
  codeSizeKb: number;
  outputCharsPerTest: number;
}
