/**
 * The one interface every sandbox implements. A sandbox evaluates a script in a fresh, isolated
 * JavaScript realm with no host APIs, then calls the script's entry global repeatedly (draining
 * microtasks between calls) until it returns null, collecting the returned chunks. It enforces
 * the wall-time limit over the whole run and the memory limit; it knows nothing about tests.
 */
export interface SandboxRequest {
  script: string;
  /** Name of the global function the script defines; removed by the script on first call. */
  entry: string;
  wallTimeMs: number;
  memoryMb: number;
  /** The run stops with 'output-limit' once the chunks exceed this many characters. */
  maxReportChars: number;
}

export type SandboxOutcome = 'completed' | 'timeout' | 'memory' | 'output-limit' | 'crashed';

export interface SandboxRun {
  outcome: SandboxOutcome;
  chunks: string[];
  /** Host-written explanation for anything but 'completed'. */
  detail?: string;
  runMs: number;
}

export interface Sandbox {
  readonly kind: string;
  run(request: SandboxRequest): Promise<SandboxRun>;
}

/**
 * Shared loop: call `step` until it returns null, appending chunks to `into` as they arrive (so
 * a run cut short by a limit keeps what was reported before). Returns true if the output cap was hit.
 */
export function collectChunks(step: () => unknown, maxReportChars: number, into: string[]): boolean {
  let total = 0;
  for (;;) {
    const chunk = step();
    if (chunk === null || chunk === undefined) return false;
    if (typeof chunk !== 'string') throw new TypeError(`the entry returned ${typeof chunk}, not a string`);
    total += chunk.length;
    if (total > maxReportChars) return true;
    if (chunk.length > 0) into.push(chunk);
  }
}
