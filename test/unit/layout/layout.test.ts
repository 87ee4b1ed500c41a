/**
 * The layout is the architecture: engine/ (the deterministic world, reference engines and
 * checkers) imports nothing of the app, the grader or the labs, and no two engine packages import
 * each other in a circle; labs/ holds only lab packages, which import labs/, engine/ and the
 * grader's harness only; engine/sim is generic and names no Raft module.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, resolveSpecifier, ROOT, sourceFiles, specifiers } from './import-graph';

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const engineDir = path.join(ROOT, 'engine');
const enginePackages = readdirSync(engineDir).filter((f) => statSync(path.join(engineDir, f)).isDirectory());

function packageOf(file: string): string | undefined {
  const parts = rel(file).split('/');
  return parts[0] === 'engine' ? parts[1] : undefined;
}

function packageGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>(enginePackages.map((p) => [p, new Set<string>()]));
  for (const file of sourceFiles(engineDir)) {
    const from = packageOf(file)!;
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const target = resolveSpecifier(file, spec);
      const to = target && packageOf(target);
      if (to !== undefined && to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

describe('engine/', () => {
  it('has the generic world and every reference engine as packages, each with a README', () => {
    expect(enginePackages).toEqual(expect.arrayContaining(['sim', 'raft', 'check', 'cache', 'idgen', 'ratelimit', 'hashring']));
    for (const p of enginePackages) expect(existsSync(path.join(engineDir, p, 'README.md')), `engine/${p}/README.md`).toBe(true);
  });

  it('no import cycle between engine packages (type-only imports count too)', () => {
    const found = cycles(packageGraph());
    expect(found.map((c) => c.join(' <-> '))).toEqual([]);
  });

  it('the cycle finder reports a cycle when there is one', () => {
    const graph = new Map([
      ['sim', new Set(['raft'])],
      ['raft', new Set(['check'])],
      ['check', new Set(['sim'])],
      ['cache', new Set(['sim'])],
    ]);
    expect(cycles(graph)).toEqual([['check', 'raft', 'sim']]);
    expect(cycles(new Map([['a', new Set(['a'])]]))).toEqual([['a']]);
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set<string>()]]))).toEqual([]);
  });

  it('imports only files under engine/: no app, lib, grader or lab code, no packages or Node built-ins', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(engineDir)) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const target = resolveSpecifier(file, spec);
        if (target === undefined || !rel(target).startsWith('engine/')) offenders.push(`${rel(file)} imports "${spec}"`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('engine/sim is generic: it imports no other engine package and names no Raft module', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(engineDir, 'sim'))) {
      if (/raft/i.test(path.basename(file))) offenders.push(`${rel(file)} is named for Raft`);
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const target = resolveSpecifier(file, spec);
        if (target !== undefined && packageOf(target) !== 'sim') offenders.push(`${rel(file)} imports ${rel(target)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('labs/', () => {
  const labsDir = path.join(ROOT, 'labs');
  const entries = readdirSync(labsDir).filter((f) => statSync(path.join(labsDir, f)).isDirectory());

  it('lists only lab packages (each folder has a lab.json)', () => {
    expect(entries.filter((e) => !existsSync(path.join(labsDir, e, 'lab.json')))).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(19);
  });

  it('lab code imports only labs/, engine/ and grader/harness/ (relative), never the app, the grader or a package', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(labsDir)) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (spec === './solution' || spec === './api') continue;
        const target = resolveSpecifier(file, spec);
        const ok = target !== undefined && spec.startsWith('.') && /^(labs|engine|grader\/harness)\//.test(rel(target));
        if (!ok) offenders.push(`${rel(file)} imports "${spec}"`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('grader/', () => {
  it('imports engine/ and its own files, never the app, lib/ or a lab package', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, 'grader'))) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const target = resolveSpecifier(file, spec);
        if (target !== undefined && !/^(grader|engine)\//.test(rel(target))) offenders.push(`${rel(file)} imports ${rel(target)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
