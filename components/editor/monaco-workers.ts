/**
 * Stands in for `monaco-editor/internal/common/workers.js` (next.config.js aliases it here). Monaco's module is
 * imported by the TypeScript language's worker manager when the language starts, and before its one export it
 * imports every editor contribution and standalone feature (sticky scroll, colour picker, code lens, GPU rendering,
 * inline completions, the command palette…): a 460 KB chunk that undid components/editor/monaco-lite.ts. This is
 * the same export without those imports. The app always defines MonacoEnvironment.getWorker (monaco-setup.ts).
 */
import { editor } from 'monaco-editor/editor/editor.api';

interface WorkerOptions {
  label?: string;
  moduleId?: string;
  createWorker?: () => Worker;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

function getWorker(label: string, createWorker: (() => Worker) | undefined): Worker | Promise<Worker> {
  const environment = globalThis.MonacoEnvironment;
  if (environment?.getWorker) return environment.getWorker('workerMain.js', label);
  if (createWorker) return createWorker();
  throw new Error('You must define a function MonacoEnvironment.getWorker');
}

/** A worker with Monaco's model syncing built in, as `monaco-editor/internal/common/workers.js` makes it. */
export function createWebWorker<T extends object>(options: WorkerOptions): editor.MonacoWebWorker<T> {
  const worker = Promise.resolve(getWorker(options.label ?? 'monaco-editor-worker', options.createWorker)).then((w) => {
    // As Monaco does: the worker's first message only starts it (its content is ignored), the second is its creation data.
    w.postMessage('ignore');
    w.postMessage(options.createData);
    return w;
  });
  return editor.createWebWorker<T>({
    worker,
    ...(options.host ? { host: options.host } : {}),
    ...(options.keepIdleModels !== undefined ? { keepIdleModels: options.keepIdleModels } : {}),
  });
}
