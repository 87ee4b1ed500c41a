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

/**
 * esbuild columns are 0-based UTF-8 byte offsets; editors (Monaco) count UTF-16 code units from 1.
 */
export function editorColumn(lineText: string, byteColumn: number): number {
  return Buffer.from(lineText, 'utf8').subarray(0, byteColumn).toString('utf8').length + 1;
}

export function toDiagnostic(message: Message, fileFor: (esbuildFile: string) => string = (f) => f): Diagnostic {
  const location = message.location;
  return {
    file: location ? fileFor(location.file) : learnerFileName,
    line: location?.line ?? 1,
    column: location ? editorColumn(location.lineText, location.column) : 1,
    message: message.text,
    ...(location?.lineText ? { lineText: location.lineText.slice(0, 200) } : {}),
  };
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}
