import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The deterministic world: nothing under labs/ (except the grader, and lab packages' own tests)
// may read real time, real randomness, timers, the process or the file system.
const LABS = path.resolve(__dirname, '../../../labs');
const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bDate\b/, 'Date'],
  [/\bMath\.random\b/, 'Math.random'],
  [/\bperformance\s*\.\s*now\b/, 'performance.now'],
  [/\bset(Timeout|Interval|Immediate)\b/, 'timers'],
  [/\bqueueMicrotask\b/, 'queueMicrotask'],
  [/\bprocess\b/, 'process'],
  [/\brequire\s*\(/, 'require()'],
  [/from\s+['"](node:)?(fs|path|os|child_process|net|http|https|crypto|worker_threads|vm)(\/[^'"]*)?['"]/, 'Node built-in import'],
  [/import\s*\(\s*['"](node:)?(fs|path|os|child_process)['"]/, 'Node built-in import'],
  [/\bfetch\s*\(/, 'fetch'],
  [/\bcrypto\.getRandomValues\b/, 'crypto.getRandomValues'],
];
const SKIP_FILE = /(^|\/)(visible|hidden)\.test\.ts$|\.test\.ts$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name) && !SKIP_FILE.test(full)) out.push(full);
  }
  return out;
}

/** Strip comments and string contents so prose like "no Date here" does not trip the scan. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/`(?:\\.|[^`\\])*`/g, '``');
}

export function violationsIn(text: string): string[] {
  const code = codeOnly(text);
  return FORBIDDEN.filter(([re]) => re.test(code)).map(([, what]) => what);
}

describe('purity of labs/ (no real time, randomness, timers or I/O)', () => {
  const folders = readdirSync(LABS).filter((f) => f !== 'grader' && statSync(path.join(LABS, f)).isDirectory());

  it('covers every labs/ folder except the grader', () => {
    expect(folders).toEqual(expect.arrayContaining(['sim', 'raft', 'check']));
    expect(folders).not.toContain('grader');
  });

  it('finds no forbidden API in any labs/ source file', () => {
    const offenders: string[] = [];
    for (const folder of folders) {
      for (const file of sourceFiles(path.join(LABS, folder))) {
        const found = violationsIn(readFileSync(file, 'utf8'));
        if (found.length > 0) offenders.push(`${path.relative(LABS, file)}: ${found.join(', ')}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the scanner itself catches each forbidden API and ignores comments', () => {
    expect(violationsIn('const t = Date.now();')).toContain('Date');
    expect(violationsIn('const r = Math.random();')).toContain('Math.random');
    expect(violationsIn('setTimeout(f, 1)')).toContain('timers');
    expect(violationsIn("const fs = require('fs')")).toContain('require()');
    expect(violationsIn("import { readFileSync } from 'node:fs';")).toContain('Node built-in import');
    expect(violationsIn('if (process.env.X) {}')).toContain('process');
    expect(violationsIn('// no Date, Math.random or setTimeout here\nconst x = 1;')).toEqual([]);
  });
});
