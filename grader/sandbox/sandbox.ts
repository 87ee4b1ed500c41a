/**
 * The one interface every sandbox implements. A sandbox evaluates a script in a fresh, isolated
 * JavaScript realm with no host APIs, then calls the script's entry global repeatedly (draining
 * microtasks between calls) until it returns null, collecting the returned chunks. It enforces
 * the CPU-time limit over the whole run (the verdict's limit: it does not depend on how busy the
 * machine is), a wall-clock backstop several times larger, and the memory limit; it knows nothing
 * about tests.
 */
export interface SandboxRequest {
  script: string;
  /** Name of the global function the script defines; removed by the script on first call. */
  entry: string;
  /** CPU time the run may use: exceeding it is the learner's timeout. */
  cpuTimeMs: number;
  /** Wall-clock backstop (wallBackstopMs(cpuTimeMs)): only a machine too busy to run it should reach it. */
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
  /** CPU time the run used (the isolate's, or the worker process's for QuickJS). */
  cpuMs: number;
}

export interface Sandbox {
  readonly kind: string;
  /** `onChunk` sees each chunk as it arrives (for progress); the run's result still holds them all. */
  run(request: SandboxRequest, onChunk?: (chunk: string) => void): Promise<SandboxRun>;
}

/**
 * Shared loop: call `step` until it returns null, appending chunks to `into` as they arrive (so
 * a run cut short by a limit keeps what was reported before). Returns true if the output cap was hit.
 */
export function collectChunks(step: () => unknown, maxReportChars: number, into: string[], onChunk?: (chunk: string) => void): boolean {
  const collector = chunkCollector(maxReportChars, into, onChunk);
  for (;;) {
    const verdict = collector(step());
    if (verdict !== undefined) return verdict;
  }
}

/** The same loop for a sandbox whose step is asynchronous (isolated-vm runs it on its own thread). */
export async function collectChunksAsync(step: () => Promise<unknown>, maxReportChars: number, into: string[], onChunk?: (chunk: string) => void): Promise<boolean> {
  const collector = chunkCollector(maxReportChars, into, onChunk);
  for (;;) {
    const verdict = collector(await step());
    if (verdict !== undefined) return verdict;
  }
}

/** Takes one chunk: undefined to go on, false when the entry is done, true when the output cap was hit. */
export function chunkCollector(maxReportChars: number, into: string[], onChunk?: (chunk: string) => void): (chunk: unknown) => boolean | undefined {
  let total = 0;
  return (chunk) => {
    if (chunk === null || chunk === undefined) return false;
    if (typeof chunk !== 'string') throw new TypeError(`the entry returned ${typeof chunk}, not a string`);
    total += chunk.length;
    if (total > maxReportChars) return true;
    if (chunk.length > 0) {
      into.push(chunk);
      onChunk?.(chunk);
    }
    return undefined;
  };
}
