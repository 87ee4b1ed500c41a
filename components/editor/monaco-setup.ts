'use client';

/**
 * Monaco from the app's own bundle (never a CDN), loaded on demand by the lab workspace only.
 * Workers are same-origin module workers (CSP worker-src 'self'); @monaco-editor/react is told to use
 * this copy through loader.config({ monaco }) before any <Editor> renders.
 */
import type * as Monaco from 'monaco-editor';

export type MonacoApi = typeof Monaco;

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker | Promise<Worker> };
  }
}

/** The learner's file and the lab's types live side by side, so `import type { X } from './api'` resolves. */
export const SOLUTION_URI = 'file:///lab/solution.ts';
export const API_TYPES_URI = 'file:///lab/api.d.ts';
const SANDBOX_GLOBALS_URI = 'file:///lab/sandbox-globals.d.ts';

/** What the harness provides to learner code (grader/harness/harden.ts): no DOM, no Node, virtual timers. */
const SANDBOX_GLOBALS = `
interface Console { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; debug(...data: unknown[]): void; trace(...data: unknown[]): void; dir(...data: unknown[]): void; table(...data: unknown[]): void; }
/** Captured per test and shown with the test's result. */
declare var console: Console;
/** Virtual time: timers fire when the test waits, never on the wall clock. */
declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function clearInterval(id: number | undefined): void;
declare function clearImmediate(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
`;

export const THEMES = { light: 'dojo-light', dark: 'dojo-dark' } as const;

let loading: Promise<MonacoApi> | null = null;
let loaded: MonacoApi | null = null;

/** Monaco if it has finished loading on this page, else null. */
export function loadedMonaco(): MonacoApi | null {
  return loaded;
}
let apiTypesLib: { dispose(): void } | null = null;

/**
 * The TypeScript worker (6.6 MB of script, 1.4 MB compressed) starts only when the learner reaches for the editor
 * (focus, pointer, key): until then its requests wait here (Monaco accepts a promised worker). A learner who opens a
 * lab to read its README never downloads it, and on a first visit it does not compete with the editor's own start.
 */
let openTypeScriptGate: (() => void) | null = null;
const typeScriptGate = new Promise<void>((resolve) => {
  openTypeScriptGate = resolve;
});
let typeScriptStarted = false;

/** Lets the TypeScript worker start (idempotent): diagnostics, hovers and completion follow within a second or two. */
export function startTypeScriptService(): void {
  if (typeScriptStarted) return;
  typeScriptStarted = true;
  openTypeScriptGate?.();
}

/** Line numbers at 5.7:1 (light) and 6.2:1 (dark) against the gutter: WCAG AA for text. */
function defineThemes(monaco: MonacoApi): void {
  monaco.editor.defineTheme(THEMES.light, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#5a6472', 'editorLineNumber.activeForeground': '#1a202c', 'editorGutter.background': '#f8fafc' },
  });
  monaco.editor.defineTheme(THEMES.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#10161d', 'editorLineNumber.foreground': '#8b98a7', 'editorLineNumber.activeForeground': '#e6edf3', 'editorGutter.background': '#10161d' },
  });
}

/**
 * Loads Monaco once per page. Resolves with the namespace, configured for lab code. In Chinese its
 * own interface (context menu, find widget, hovers) uses the zh-cn pack shipped in the monaco-editor
 * package, which must be evaluated before Monaco's modules; Monaco keeps the language it was first
 * loaded in until the page reloads.
 */
export function loadMonaco(locale?: string): Promise<MonacoApi> {
  loading ??= (async () => {
    if (locale?.toLowerCase().startsWith('zh')) await import('monaco-editor/nls/lang/zh-cn');
    window.MonacoEnvironment = {
      getWorker(_workerId: string, label: string) {
        return label === 'typescript' || label === 'javascript'
          ? typeScriptGate.then(() => new Worker(new URL('monaco-editor/language/typescript/ts.worker', import.meta.url), { type: 'module', name: 'ts-worker' }))
          : new Worker(new URL('monaco-editor/editor/editor.worker', import.meta.url), { type: 'module', name: 'editor-worker' });
      },
    };
    // monaco-lite: the editor with TypeScript and the features the lab uses, not every language and contribution.
    const [lite, { loader }] = await Promise.all([import('./monaco-lite'), import('@monaco-editor/react')]);
    const monaco = lite as unknown as MonacoApi;
    loader.config({ monaco });
    defineThemes(monaco);
    const ts = monaco.typescript;
    ts.typescriptDefaults.setCompilerOptions({
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
      lib: ['es2022'],
      strict: true,
      noImplicitOverride: true,
      noFallthroughCasesInSwitch: true,
      useDefineForClassFields: true,
      allowNonTsExtensions: true,
      isolatedModules: true,
    });
    ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
    ts.typescriptDefaults.setEagerModelSync(true);
    ts.typescriptDefaults.addExtraLib(SANDBOX_GLOBALS, SANDBOX_GLOBALS_URI);
    loaded = monaco;
    return monaco;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** Makes the lab's api.d.ts the `./api` module of the learner's file (replacing a previous lab's). */
export function setLabTypes(monaco: MonacoApi, apiTypes: string): void {
  apiTypesLib?.dispose();
  apiTypesLib = monaco.typescript.typescriptDefaults.addExtraLib(apiTypes, API_TYPES_URI);
}
