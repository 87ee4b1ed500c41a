/**
 * Bundles one suite into a single script for the sandbox: the harness runtime, the lab's test
 * file, everything it imports under labs/, engine/ (simulator, reference engines, checkers) and
 * grader/harness/ (the test API and the lab kits), and the learner's module, which the tests
 * import as './solution'. esbuild build API, in-memory plugin, format iife, platform neutral,
 * strict mode.
 *
 * Import policy: the learner's module may import nothing at run time (type-only imports are
 * erased); lab code may import only relative files under those three directories, never
 * packages or Node built-ins.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildFailure, type Plugin } from 'esbuild';
import { learnerFileName, toDiagnostic, type Diagnostic } from './diagnostics';
import type { SuiteOptions } from './harness/protocol';
import { solutionModule } from './lab-loader';

export interface BundleInput {
  labsDir: string;
  /** Absolute path of the test file (visible.test.ts, hidden.test.ts or a fixture). */
  testsPath: string;
  /** Overrides the test file's contents (fixtures built in memory); its imports still resolve from testsPath. */
  testsSource?: string;
  /**
   * Test files loaded before testsPath, their test names prefixed (the hidden run includes the
   * visible tests this way). They must sit in the same folder as testsPath.
   */
  before?: readonly { path: string; namePrefix: string }[];
  solutionSource: string;
  options: SuiteOptions;
}

/** `inputs`: the files on disk the bundle was built from (absolute paths), so a cache can tell when to rebuild. */
export type BundleResult = { ok: true; script: string; inputs: string[]; durationMs: number } | { ok: false; diagnostics: Diagnostic[]; durationMs: number };

const learnerNamespace = 'learner';
/**
 * Packages lab code may import, bundled into the suite: pure JavaScript with no host API.
 * fast-check generates the property tests' inputs (seeded, so a run stays a function of its seed)
 * and shrinks a failure to a minimal counter-example.
 */
export const suitePackages: ReadonlySet<string> = new Set(['fast-check']);
const entryNamespace = 'grader-entry';

/** The directories suite code may import from: labs/, and beside it engine/ and grader/harness/. */
export function suiteRoots(labsDir: string): { labs: string; engine: string; harness: string } {
  const root = path.dirname(path.resolve(labsDir));
  return { labs: path.resolve(labsDir), engine: path.join(root, 'engine'), harness: path.join(root, 'grader', 'harness') };
}

/** The in-sandbox test runner, grader/harness/runtime.ts beside the labs directory. */
export function harnessRuntimePath(labsDir: string): string {
  return path.join(suiteRoots(labsDir).harness, 'runtime.ts');
}

function resolveFile(base: string): string | undefined {
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function suitePlugin(input: BundleInput, runtimeFile: string): Plugin {
  const testsDir = path.dirname(input.testsPath);
  const roots = Object.values(suiteRoots(input.labsDir));
  return {
    name: 'grader-suite',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^grader-entry$/ }, () => ({ path: 'entry', namespace: entryNamespace }));
      pluginBuild.onLoad({ filter: /.*/, namespace: entryNamespace }, () => {
        const registryFile = path.join(path.dirname(runtimeFile), 'registry.ts');
        const loads = [
          ...(input.before ?? []).map((b) => `withNamePrefix(${JSON.stringify(b.namePrefix)}, () => require(${JSON.stringify(b.path)}));`),
          `require(${JSON.stringify(input.testsPath)});`,
        ];
        return {
          loader: 'js',
          resolveDir: path.dirname(runtimeFile),
          contents: [
            `import { boot } from ${JSON.stringify(runtimeFile)};`,
            `import { withNamePrefix } from ${JSON.stringify(registryFile)};`,
            `boot({ ...${JSON.stringify(input.options)}, loadSuite: () => { ${loads.join(' ')} } });`,
          ].join('\n'),
        };
      });

      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace === entryNamespace) return { path: args.path };
        if (args.namespace === learnerNamespace) {
          return { errors: [{ text: `${learnerFileName} may not import "${args.path}": everything you need is in the lab's API (type-only imports are fine)` }] };
        }
        if (args.path === solutionModule && args.importer && path.dirname(args.importer) === testsDir) {
          return { path: learnerFileName, namespace: learnerNamespace };
        }
        // An allowed package, and the files it imports itself, resolve as Node would.
        if (suitePackages.has(args.path) || args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        if (!args.path.startsWith('.') && !path.isAbsolute(args.path)) {
          return { errors: [{ text: `lab code may only import relative files under labs/, engine/ or grader/harness/ (and ${[...suitePackages].join(', ')}), not "${args.path}"` }] };
        }
        const resolved = resolveFile(path.resolve(args.resolveDir, args.path));
        if (resolved === undefined) return { errors: [{ text: `cannot find "${args.path}"` }] };
        if (!roots.some((dir) => isInside(dir, resolved))) {
          return { errors: [{ text: `"${args.path}" resolves outside labs/, engine/ and grader/harness/` }] };
        }
        return { path: resolved };
      });

      pluginBuild.onLoad({ filter: /.*/, namespace: learnerNamespace }, () => ({ contents: input.solutionSource, loader: 'ts', resolveDir: testsDir }));
      pluginBuild.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = input.testsSource !== undefined && args.path === input.testsPath ? input.testsSource : await readFile(args.path, 'utf8');
        return { contents: sealClasses(source), loader: 'ts' };
      });
    },
  };
}

/** Lab files are named from the labs directory (hello-counter/hidden.test.ts), engine and harness files from the project root. */
const topLevelClass = /^(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/gm;

/**
 * Freezes the prototype of every top-level class of suite code (engines, harness, lab files) as
 * its module loads: learner code that reaches an engine object (a Raft log handed to a hook, a
 * simulated DB) cannot patch its class and so change how the reference nodes, the checkers or the
 * counters behave. Instances stay mutable; the learner's own classes are not touched.
 */
export function sealClasses(source: string): string {
  const names = [...source.matchAll(topLevelClass)].map((m) => m[1]!);
  if (names.length === 0) return source;
  return `${source}\n;${names.map((name) => `Object.freeze(${name}.prototype);`).join(' ')}\n`;
}

function fileForDiagnostic(labsDir: string) {
  const root = path.dirname(path.resolve(labsDir));
  return (file: string) => {
    if (file === `${learnerNamespace}:${learnerFileName}` || file === learnerFileName) return learnerFileName;
    return (isInside(labsDir, file) ? path.relative(labsDir, file) : path.relative(root, file)) || file;
  };
}

const missingExport = new RegExp(`^No matching export in "${learnerNamespace}:${learnerFileName.replace('.', '\\.')}" for import "([^"]+)"$`);

/** A test importing a name the learner's module does not export is the learner's error, not the lab's. */
function blameMissingExport(diagnostic: Diagnostic): Diagnostic {
  const match = missingExport.exec(diagnostic.message);
  if (!match) return diagnostic;
  return { file: learnerFileName, line: 1, column: 1, message: `${learnerFileName} must export "${match[1]}": the tests import it` };
}

export async function bundleSuite(input: BundleInput): Promise<BundleResult> {
  const startedMs = performance.now();
  const runtimeFile = harnessRuntimePath(input.labsDir);
  try {
    const result = await build({
      entryPoints: ['grader-entry'],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'neutral',
      target: 'es2022',
      // The sandboxes have no module loader: isolated-vm aborts the whole run on import(). Lowered,
      // a computed import() becomes a call that throws a catchable "Dynamic require ... is not supported".
      supported: { 'dynamic-import': false },
      banner: { js: '"use strict";' },
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: false } },
      metafile: true,
      plugins: [suitePlugin(input, runtimeFile)],
    });
    const script = result.outputFiles[0]?.text;
    if (script === undefined) throw new Error('esbuild produced no output');
    // Metafile keys are relative to the working directory; the learner's module and the entry live in plugin namespaces.
    const inputs = Object.keys(result.metafile.inputs)
      .filter((key) => !key.startsWith(`${learnerNamespace}:`) && !key.startsWith(`${entryNamespace}:`))
      .map((key) => path.resolve(key));
    return { ok: true, script, inputs, durationMs: performance.now() - startedMs };
  } catch (error) {
    const failure = error as BuildFailure;
    if (!Array.isArray(failure.errors)) throw error;
    const diagnostics = failure.errors.map((m) => blameMissingExport(toDiagnostic(m, fileForDiagnostic(input.labsDir))));
    return { ok: false, diagnostics, durationMs: performance.now() - startedMs };
  }
}
