/**
 * Bundling a suite (harness, tests, engines; esbuild over 30–80 files) costs 60–170 ms, and it is the same for every
 * submission to a lab: only the learner's module differs. So a suite is bundled once per lab, mode and options with
 * a stand-in for './solution' (the same one the browser's Run uses, lib/labs/visible-suite.ts), and each submission
 * only links its own module (a few ms):
 *
 *   "use strict";
 *   var __dsdLearnerModule = function (exports, module, require) { <the learner's module, CommonJS> };
 *   <the cached suite bundle, whose './solution' calls __dsdLearnerModule when the tests first import it>
 *
 * The learner's code runs at the same moment as when it was bundled in (when the tests import it, after the harness
 * has hardened the realm), and it sees less than before: the suite's own names live in the bundle's closure, not in
 * the learner's scope. What linking used to report stays a link error (errorKind 'compile'): an import of anything at
 * run time, and a name the tests import that the module does not export (checked against the names the tests import,
 * learned once per suite from esbuild).
 *
 * A cached suite remembers the files it was built from with their modification times and sizes, and is rebuilt when
 * one changed (a lab edited while the server runs, the mutation tool's sandboxes, tests that write labs).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { build, transform, type BuildFailure } from 'esbuild';
import { bundleSuite, type BundleInput } from './bundle-suite';
import { learnerFileName, toDiagnostic, type Diagnostic } from './diagnostics';
import { LEARNER_MODULE_GLOBAL } from './harness/protocol';

export type LinkResult = { ok: true; code: string; exports: string[]; durationMs: number } | { ok: false; diagnostics: Diagnostic[]; durationMs: number };

const refuseImport = (specifier: string) => `${learnerFileName} may not import "${specifier}": everything you need is in the lab's API (type-only imports are fine)`;

/** The learner's module as CommonJS with the names it exports; a run-time import of anything is an error located in solution.ts. */
export async function linkLearnerModule(source: string): Promise<LinkResult> {
  const startedMs = performance.now();
  try {
    const esm = await build({
      stdin: { contents: source, loader: 'ts', sourcefile: learnerFileName, resolveDir: '/' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      metafile: true,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: false } },
      plugins: [{ name: 'learner-imports', setup: (b) => b.onResolve({ filter: /.*/ }, (args) => ({ errors: [{ text: refuseImport(args.path) }] })) }],
    });
    const exports = Object.values(esm.metafile.outputs).flatMap((o) => o.exports);
    const cjs = await transform(esm.outputFiles[0]!.text, { loader: 'js', format: 'cjs', target: 'es2022', charset: 'utf8', logLevel: 'silent' });
    return { ok: true, code: cjs.code, exports: [...new Set(exports)].sort(), durationMs: performance.now() - startedMs };
  } catch (error) {
    const failure = error as BuildFailure;
    if (!Array.isArray(failure.errors)) throw error;
    return { ok: false, diagnostics: failure.errors.map((m) => toDiagnostic(m, () => learnerFileName)), durationMs: performance.now() - startedMs };
  }
}

/** The stand-in for './solution': evaluates the learner's CommonJS module (the global function) and checks its exports. */
export function learnerStandIn(names: readonly string[]): string {
  return [
    `const learner = { exports: {} };`,
    `const refuse = (specifier) => { throw new Error('solution.ts may not import "' + String(specifier) + '": everything you need is in the lab\\'s API (type-only imports are fine)'); };`,
    `globalThis.${LEARNER_MODULE_GLOBAL}(learner.exports, learner, refuse);`,
    `for (const name of ${JSON.stringify(names)}) {`,
    `  if (!(name in learner.exports)) throw new Error('solution.ts must export "' + name + '": the tests import it');`,
    `}`,
    `module.exports = learner.exports;`,
  ].join('\n');
}

/** The script the sandbox runs: the learner's module as a global function, then the suite. */
export function composeSuiteScript(learnerCommonJs: string, suiteScript: string): string {
  return `"use strict";\nvar ${LEARNER_MODULE_GLOBAL} = function (exports, module, require) {\n${learnerCommonJs}\n};\n${suiteScript}`;
}

export class SuiteBuildError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`the suite does not build: ${diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('; ')}`);
    this.name = 'SuiteBuildError';
  }
}

export interface SuiteShell {
  /** The bundle with the stand-in for './solution'. */
  script: string;
  /** What the tests import from './solution', sorted. */
  requiredExports: string[];
  durationMs: number;
}

/** The names the tests import from './solution', learned from esbuild: bundled against a module that exports nothing, each is reported missing. */
async function probeRequiredExports(input: Omit<BundleInput, 'solutionSource'>): Promise<string[]> {
  const probe = await bundleSuite({ ...input, solutionSource: 'export {};' });
  if (probe.ok) return [];
  const names: string[] = [];
  for (const d of probe.diagnostics) {
    const match = /must export "([^"]+)"/.exec(d.message);
    if (match?.[1]) names.push(match[1]);
    else throw new SuiteBuildError(probe.diagnostics);
  }
  return [...new Set(names)].sort();
}

/** A built suite with the files it was built from, each stamped "mtime:size" as the build ended. */
interface BuiltShell extends SuiteShell {
  stamps: Map<string, string>;
}

async function buildShell(input: Omit<BundleInput, 'solutionSource'>): Promise<BuiltShell> {
  const startedMs = performance.now();
  const names = await probeRequiredExports(input);
  const bundled = await bundleSuite({ ...input, solutionSource: learnerStandIn(names) });
  if (!bundled.ok) throw new SuiteBuildError(bundled.diagnostics);
  return { script: bundled.script, requiredExports: names, durationMs: performance.now() - startedMs, stamps: new Map(bundled.inputs.map((f) => [f, stamp(f)])) };
}

const cache = new Map<string, Promise<BuiltShell>>();
/** Suites kept (every lab's hidden and visible suites with room to spare); the oldest is dropped past it. */
const MAX_ENTRIES = 128;

function stamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

function unchanged(stamps: Map<string, string>): boolean {
  for (const [file, was] of stamps) if (stamp(file) !== was) return false;
  return true;
}

/**
 * The suite bundle for these tests and options, from the cache when none of its files changed since it was built.
 * Rejects with SuiteBuildError when the lab's own files do not build. Not for in-memory test sources (testsSource).
 */
export async function cachedSuiteShell(input: Omit<BundleInput, 'solutionSource' | 'testsSource'>): Promise<SuiteShell & { cached: boolean }> {
  const key = JSON.stringify([path.resolve(input.labsDir), input.testsPath, input.before ?? [], input.options]);
  const hit = cache.get(key);
  if (hit) {
    const shell = await hit.catch(() => null);
    if (shell && unchanged(shell.stamps)) {
      // Most recently used last.
      cache.delete(key);
      cache.set(key, hit);
      return { script: shell.script, requiredExports: shell.requiredExports, durationMs: 0, cached: true };
    }
    if (cache.get(key) === hit) cache.delete(key);
  }
  const building = buildShell(input);
  cache.set(key, building);
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  try {
    const shell = await building;
    return { script: shell.script, requiredExports: shell.requiredExports, durationMs: shell.durationMs, cached: false };
  } catch (error) {
    if (cache.get(key) === building) cache.delete(key);
    throw error;
  }
}

/** Forgets every cached suite (tests). */
export function clearSuiteCache(): void {
  cache.clear();
}
