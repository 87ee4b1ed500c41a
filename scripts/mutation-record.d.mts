export const RECORD_FILE: string;
export const EQUIVALENTS_FILE: string;
export const TARGET_SCORE: number;
export function mutationInputs(labDir: string): string[];
export function inputsHash(labDir: string): string;
export function mutantKey(mutant: { replacement?: string; mutatorName: string; location: { start: { line: number; column: number } } }): string;
export function readEquivalents(labDir: string): string[];
export function scoreRecord<R extends { mutants: number; killed: number; timeout: number; undetected: { key: string }[] }>(record: R, equivalents: string[]): R & { equivalent: number; score: number };
export function summarize(lab: string, labDir: string, report: unknown, strykerVersion: string): unknown;
