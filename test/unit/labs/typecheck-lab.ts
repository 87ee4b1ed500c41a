import path from 'node:path';
import ts from 'typescript';

/**
 * Type-checks a lab package the way the grader assembles it: the visible and hidden tests with
 * `./solution` resolved to one candidate file (starter, reference or a mutant), against the lab's
 * api.d.ts and the engines, with no DOM and no Node types (lab code runs in a bare sandbox).
 */
const options: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  noEmit: true,
  skipLibCheck: true,
  isolatedModules: true,
  noFallthroughCasesInSwitch: true,
};

const sourceCache = new Map<string, ts.SourceFile | undefined>();
let oldProgram: ts.Program | undefined;

/**
 * `solutionText`, when given, is the candidate's source served at `solutionFile` (which need not exist): a patch
 * mutant, type-checked at .meta/<name>.mutant.ts so that it resolves its imports like the reference it patches.
 */
export function typecheckLab(labDir: string, solutionFile: string, testFiles: string[], solutionText?: string): string[] {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  if (solutionText !== undefined) {
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => fileName === solutionFile || fileExists(fileName);
  }
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (solutionText !== undefined && fileName === solutionFile) return ts.createSourceFile(fileName, solutionText, languageVersion, true);
    // Lab package files change between candidates; engines and lib files are shared and cached.
    if (fileName.startsWith(labDir + path.sep)) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (!sourceCache.has(fileName)) sourceCache.set(fileName, getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return sourceCache.get(fileName);
  };
  host.resolveModuleNames = (names, containingFile) =>
    names.map((name) => {
      if (name === './solution' && path.dirname(containingFile) === labDir) {
        return { resolvedFileName: solutionFile, extension: ts.Extension.Ts, isExternalLibraryImport: false };
      }
      return ts.resolveModuleName(name, containingFile, options, host).resolvedModule;
    });
  const program = ts.createProgram({ rootNames: [...testFiles, solutionFile], options, host, oldProgram });
  oldProgram = program;
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const file = d.file ? path.relative(path.dirname(labDir), d.file.fileName) : '';
      return `${file}${where ? `:${where.line + 1}:${where.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}
