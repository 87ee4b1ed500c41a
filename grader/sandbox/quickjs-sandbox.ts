/**
 * Sandbox on QuickJS compiled to WebAssembly (quickjs-emscripten). Each run instantiates the
 * module with its own capped WebAssembly.Memory, so neither the QuickJS allocator limit nor a
 * bug in it can let a run grow past the cap. The interrupt handler enforces the CPU-time limit
 * (this worker process's CPU time: the guest runs on its one thread) and the wall-clock backstop,
 * including while pending jobs (microtasks) run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, type QuickJSContext, type QuickJSHandle } from 'quickjs-emscripten';
import { collectChunks, type Sandbox, type SandboxRequest, type SandboxRun } from './sandbox';

const wasmPageBytes = 64 * 1024;
const initialPages = 256; // the module's declared minimum (16 MiB)
/** Room above the JS heap limit for QuickJS's own stack and static data. */
const overheadMb = 16;
const maxStackBytes = 1024 * 1024;

let compiledModule: Promise<WebAssembly.Module> | undefined;

function wasmModule(): Promise<WebAssembly.Module> {
  compiledModule ??= (async () => {
    const require = createRequire(__filename);
    const wasmPath = require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
    return WebAssembly.compile(readFileSync(wasmPath));
  })();
  return compiledModule;
}

class InterruptedError extends Error {}

export class QuickJsSandbox implements Sandbox {
  readonly kind = 'quickjs';

  /** QuickJS runs synchronously on this thread: `onChunk` is called as chunks come, but nothing leaves the process until the run ends. */
  async run(request: SandboxRequest, onChunk?: (chunk: string) => void): Promise<SandboxRun> {
    const startedMs = performance.now();
    const deadlineMs = startedMs + request.wallTimeMs;
    // Counted from when the guest can run: instantiating the WebAssembly module is the host's cost.
    let cpuAtStart = process.cpuUsage();
    const cpuMs = () => {
      const used = process.cpuUsage(cpuAtStart);
      return (used.user + used.system) / 1000;
    };
    const finish = (run: Omit<SandboxRun, 'runMs' | 'cpuMs'>): SandboxRun => ({ ...run, runMs: performance.now() - startedMs, cpuMs: cpuMs() });
    const maximumPages = Math.max(initialPages, Math.ceil(((request.memoryMb + overheadMb) * 1024 * 1024) / wasmPageBytes));
    const memory = new WebAssembly.Memory({ initial: initialPages, maximum: maximumPages });
    const quickjs = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule: await wasmModule(), wasmMemory: memory }));
    const runtime = quickjs.newRuntime();
    runtime.setMemoryLimit(request.memoryMb * 1024 * 1024);
    runtime.setMaxStackSize(maxStackBytes);
    let interrupted: 'cpu' | 'wall' | false = false;
    runtime.setInterruptHandler(() => {
      interrupted = cpuMs() > request.cpuTimeMs ? 'cpu' : performance.now() > deadlineMs ? 'wall' : false;
      return interrupted !== false;
    });
    const timeoutDetail = () =>
      interrupted === 'wall'
        ? `the run did not finish within ${request.wallTimeMs} ms of wall-clock time (the backstop; its CPU time was under the limit, so the grading machine may have been overloaded)`
        : `the CPU time limit of ${request.cpuTimeMs} ms was exceeded`;
    const context = runtime.newContext();
    cpuAtStart = process.cpuUsage();
    const chunks: string[] = [];
    let entry: QuickJSHandle | undefined;
    try {
      this.unwrap(context, context.evalCode(request.script, 'suite.js'));
      entry = context.getProp(context.global, request.entry);
      if (context.typeof(entry) !== 'function') return finish({ outcome: 'crashed', chunks, detail: `the script did not define ${request.entry}()` });
      const entryHandle = entry;
      const overflow = collectChunks(() => {
        const value = this.unwrap(context, context.callFunction(entryHandle, context.undefined));
        const jobs = runtime.executePendingJobs();
        if (jobs.error) {
          jobs.error.dispose();
          if (interrupted) throw new InterruptedError();
        }
        return value;
      }, request.maxReportChars, chunks, onChunk);
      if (cpuMs() > request.cpuTimeMs) return finish({ outcome: 'timeout', chunks, detail: `the CPU time limit of ${request.cpuTimeMs} ms was exceeded` });
      if (overflow) return finish({ outcome: 'output-limit', chunks, detail: `the run reported more than ${request.maxReportChars} characters` });
      return finish({ outcome: 'completed', chunks });
    } catch (error) {
      if (interrupted || error instanceof InterruptedError) return finish({ outcome: 'timeout', chunks, detail: timeoutDetail() });
      const message = error instanceof Error ? error.message : String(error);
      if (/out of memory|memory access out of bounds|Cannot enlarge memory|Aborted/i.test(message)) {
        return finish({ outcome: 'memory', chunks, detail: `the memory limit of ${request.memoryMb} MB was exceeded` });
      }
      return finish({ outcome: 'crashed', chunks, detail: `the sandbox stopped: ${message.slice(0, 300)}` });
    } finally {
      try {
        entry?.dispose();
        context.dispose();
        runtime.dispose();
      } catch {
        // After a WebAssembly trap the module is unusable; it is dropped with its memory.
      }
    }
  }

  /** Returns the dumped value, or throws a host Error describing the guest exception. */
  private unwrap(context: QuickJSContext, result: ReturnType<QuickJSContext['evalCode']>): unknown {
    if (result.error) {
      const dumped = context.dump(result.error) as { name?: unknown; message?: unknown } | unknown;
      result.error.dispose();
      const described = typeof dumped === 'object' && dumped !== null ? `${String((dumped as { name?: unknown }).name)}: ${String((dumped as { message?: unknown }).message)}` : String(dumped);
      throw new Error(described);
    }
    const value: unknown = context.dump(result.value);
    result.value.dispose();
    return value;
  }
}
