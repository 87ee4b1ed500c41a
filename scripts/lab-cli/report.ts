/**
 * Prints a GradeResult as the browser shows it: each test with its name (Chinese with --lang
 * zh-CN, through lib/labs/result-text.ts), status, message (advice included), seed, metrics and
 * captured output, then a summary; compile errors with line and column.
 */
import type { GradeResult } from '@/grader/results-schema';
import { localizeResult, type DisplayGradeResult, type LabResultTexts } from '@/lib/labs/result-text';
import { zhResultTexts } from '@/lib/labs/zh-lab';
import { LABS_DIR } from './config';
import { EXIT } from './errors';
import { paint, text, type Out } from './style';

export function exitCodeFor(result: Pick<GradeResult, 'status'>): number {
  return result.status === 'pass' ? EXIT.pass : result.status === 'fail' ? EXIT.fail : EXIT.error;
}

/** The result with Chinese titles and messages when asked for (the recorded English names stay in `name`). */
export function displayResult(result: GradeResult | DisplayGradeResult, out: Pick<Out, 'lang'>): DisplayGradeResult {
  if (out.lang !== 'zh-CN') return result;
  // A server answering in Chinese has localized already: titles present means done.
  if (result.tests.some((t) => 'title' in t && t.title)) return result;
  let texts: LabResultTexts | null = null;
  try {
    texts = zhResultTexts(result.labId, LABS_DIR);
  } catch {
    texts = null;
  }
  return localizeResult(result as GradeResult, texts);
}

const indent = (s: string, by = '    ') => s.replace(/\n/g, `\n${by}`);

/** A one-line command that replays a visible test, or null for hidden ones (they never leave the server). */
export type ReplayCommand = (testName: string) => string | null;

export function printResult(result: DisplayGradeResult, out: Out, replay: ReplayCommand): void {
  const p = paint(out.color);
  const t = text(out.lang);
  const lines: string[] = [];
  for (const test of result.tests) {
    const mark = test.status === 'pass' ? p.green('✓') : test.status === 'fail' ? p.red('✗') : p.yellow('!');
    lines.push(`${mark} ${test.title ?? test.name} ${p.dim(`(${Math.round(test.durationMs)} ms)`)}`);
    if (test.status !== 'pass') {
      if (test.message) lines.push(`    ${indent(test.message)}`);
      if (test.seed !== undefined) {
        const cmd = replay(test.name);
        lines.push(`    ${p.dim(`${t.seed} ${test.seed}${cmd ? ` · ${t.replay}: ${cmd}` : ''}`)}`);
      }
    }
    if (test.metrics && Object.keys(test.metrics).length > 0) {
      lines.push(`    ${p.dim(`${t.metrics}: ${Object.entries(test.metrics).map(([k, v]) => `${k}=${v}`).join(', ')}`)}`);
    }
    if (test.output && test.status !== 'pass') lines.push(`    ${p.dim(`${t.output}:`)}\n      ${indent(test.output.trimEnd(), '      ')}`);
  }
  if (result.status === 'error') {
    if (result.diagnostics?.length) {
      for (const d of result.diagnostics) {
        lines.push(p.red(`${d.file}:${d.line}:${d.column} ${d.message}`));
        if (d.lineText !== undefined) lines.push(`    ${d.lineText}`, `    ${' '.repeat(Math.max(0, d.column - 1))}${p.red('^')}`);
      }
    } else if (result.message) {
      lines.push(p.red(result.message));
    }
  }
  const passed = result.tests.filter((x) => x.status === 'pass').length;
  const summary = result.status === 'pass' ? p.green(p.bold(t.allPassed)) : p.bold(result.status === 'fail' ? p.red(t.passed(passed, result.tests.length)) : p.red(`error${result.errorKind ? ` (${result.errorKind})` : ''}`));
  lines.push('', `${summary} ${p.dim(`[${Math.round(result.timings.totalMs)} ms]`)}`);
  out.write(lines.join('\n') + '\n');
}
