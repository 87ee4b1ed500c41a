/** Compile diagnostics as learners see them: 1-based line and column in their own file. */
import type { Message } from 'esbuild';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  lineText?: string;
}

/** The file name learner code is compiled under, in messages and diagnostics. */
export const learnerFileName = 'solution.ts';

export function toDiagnostic(message: Message, fileFor: (esbuildFile: string) => string = (f) => f): Diagnostic {
  const location = message.location;
  return {
    file: location ? fileFor(location.file) : learnerFileName,
    line: location?.line ?? 1,
    // esbuild columns are 0-based (in UTF-16 code units); editors count from 1.
    column: (location?.column ?? 0) + 1,
    message: message.text,
    ...(location?.lineText ? { lineText: location.lineText.slice(0, 200) } : {}),
  };
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}
