import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The deterministic world: nothing under engine/ or labs/ (lab packages' own tests excepted), nor
// the lab kits in grader/harness/kits, may read real time, real randomness, timers, the process
// or the file system.
const ROOT = path.resolve(__dirname, '../../..');
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

describe('purity of engine/ and labs/ (no real time, randomness, timers or I/O)', () => {
  const subfolders = (top: string) => readdirSync(path.join(ROOT, top)).filter((f) => statSync(path.join(ROOT, top, f)).isDirectory()).map((f) => path.join(top, f));
  const folders = [...subfolders('engine'), ...subfolders('labs'), path.join('grader', 'harness', 'kits')];

  it('covers every engine package, every lab and the lab kits', () => {
    expect(folders).toEqual(expect.arrayContaining(['engine/sim', 'engine/raft', 'engine/check', 'labs/raft-election', 'grader/harness/kits']));
  });

  it('finds no forbidden API in any engine, lab or lab-kit source file', () => {
    const offenders: string[] = [];
    for (const folder of folders) {
      for (const file of sourceFiles(path.join(ROOT, folder))) {
        const found = violationsIn(readFileSync(file, 'utf8'));
        if (found.length > 0) offenders.push(`${path.relative(ROOT, file)}: ${found.join(', ')}`);
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
