import { describe, expect, it } from 'vitest';
import { transpileLearnerCode } from '@/grader/transpile';

describe('transpile', () => {
  it('strips types and keeps the code', async () => {
    const result = await transpileLearnerCode('interface P { x: number }\nexport const f = (p: P): number => p.x * 2;\n');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.code).toContain('const f = (p) => p.x * 2');
      expect(result.code).toMatch(/export \{\s*f\s*\}/);
      expect(result.code).not.toContain('interface');
    }
  });

  it('reports a syntax error at its 1-based line and column in solution.ts', async () => {
    const source = ['export class Counter {', '  apply(x: number) {', '    return x +;', '  }', '}'].join('\n');
    const result = await transpileLearnerCode(source);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostics[0]).toMatchObject({ file: 'solution.ts', line: 3, column: 15, lineText: '    return x +;' });
      expect(result.diagnostics[0]?.message).toMatch(/Unexpected ";"/);
    }
  });

  it('counts columns in UTF-16 code units after multi-byte characters, as the editor does', async () => {
    // esbuild reports the byte offset 27; in the editor the "=" is the 25th character.
    const result = await transpileLearnerCode('const s = "é🙂"; let x: = 1;');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]).toMatchObject({ line: 1, column: 25 });
  });

  it('is fast once warm (a few ms for a small file)', async () => {
    const source = 'export class A { private n = 0; inc(by: number): number { return (this.n += by); } }\n'.repeat(50);
    await transpileLearnerCode(source);
    const timings: number[] = [];
    for (let i = 0; i < 20; i++) timings.push((await transpileLearnerCode(source)).durationMs);
    timings.sort((a, b) => a - b);
    expect(timings[10]).toBeLessThan(20);
  });
});
