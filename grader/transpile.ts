/**
 * Strips types from learner TypeScript with esbuild's transform (a few ms warm). Syntax and
 * type-stripping errors come back located in the learner's own file.
 */
import { transform, type TransformFailure } from 'esbuild';
import { learnerFileName, toDiagnostic, type Diagnostic } from './diagnostics';

export type TranspileResult = { ok: true; code: string; durationMs: number } | { ok: false; diagnostics: Diagnostic[]; durationMs: number };

export const transformOptions = {
  loader: 'ts',
  format: 'esm',
  target: 'es2022',
  sourcefile: learnerFileName,
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: false } },
  logLevel: 'silent',
} as const;

export async function transpileLearnerCode(source: string): Promise<TranspileResult> {
  const startedMs = performance.now();
  try {
    const result = await transform(source, transformOptions);
    return { ok: true, code: result.code, durationMs: performance.now() - startedMs };
  } catch (error) {
    const failure = error as TransformFailure;
    if (!Array.isArray(failure.errors)) throw error;
    return { ok: false, diagnostics: failure.errors.map((m) => toDiagnostic(m, () => learnerFileName)), durationMs: performance.now() - startedMs };
  }
}
