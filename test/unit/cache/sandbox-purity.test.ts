import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// These engines are bundled into the grading sandbox: no Node APIs, no alias imports, and nothing
// that reads real time or real randomness.
const ROOTS = ['engine/cache', 'engine/idgen', 'engine/ratelimit', 'engine/hashring'];
const FORBIDDEN: [string, RegExp][] = [
  ['Date', /\bDate\b/],
  ['Math.random', /Math\.random/],
  ['timers', /\b(setTimeout|setInterval|setImmediate|queueMicrotask|process\.nextTick)\b/],
  ['performance.now', /\bperformance\b/],
  ['node: imports', /from\s+['"]node:/],
  ['bare imports', /from\s+['"](?![./])/],
  ['@/ alias', /from\s+['"]@\//],
  ['require', /\brequire\(/],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('engine sources are sandbox-safe', () => {
  const files = ROOTS.flatMap((r) => sources(path.resolve(r)));
  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(FORBIDDEN)('no %s', (_name, pattern) => {
    const offenders = files.filter((f) => {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      return pattern.test(code);
    });
    expect(offenders.map((f) => path.relative(process.cwd(), f))).toEqual([]);
  });
});
