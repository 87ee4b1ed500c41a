import fs from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The production client build (built by scripts/e2e.mjs before these tests) must not contain any
// lab's hidden tests, reference solution or mutants. String literals survive minification, so each
// server-only file is fingerprinted by its distinctive string literals and searched for in every
// file under .next/static.

const LABS = path.resolve('labs');
const STATIC = path.resolve('.next', 'static');

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function labFolders(): string[] {
  return fs
    .readdirSync(LABS, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(LABS, e.name, 'lab.json')))
    .map((e) => e.name);
}

function serverOnlyFiles(lab: string): string[] {
  const dir = path.join(LABS, lab);
  const hiddenHelpers = fs.readdirSync(dir).filter((f) => /^hidden-.*\.ts$/.test(f)).map((f) => path.join(dir, f));
  return [path.join(dir, 'hidden.test.ts'), ...hiddenHelpers, ...walk(path.join(dir, '.meta'))].filter((f) => f.endsWith('.ts') && fs.existsSync(f));
}

/**
 * String literals of 16+ printable ASCII characters without escapes (minifiers rewrite non-ASCII and
 * escapes), excluding import paths; these are what a bundle would carry verbatim.
 */
function fingerprints(source: string, others: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(/(['"`])((?:(?!\1)[^\\\n]|\\.){16,}?)\1/g)) {
    const s = m[2]!;
    if (s.includes('${') || s.includes('\\') || !/^[\x20-\x7e]+$/.test(s) || /^\.{0,2}\//.test(s)) continue;
    // The pattern also matches code between two literals ('", seq: 1, "'); code punctuation rules those out.
    if (/[{};()=]/.test(s)) continue;
    // A literal that also appears in browser-safe sources (the lab's starter, visible tests and types,
    // the engines, the grader, the app) proves nothing: metric and invariant names are shared on purpose.
    if (others.includes(s)) continue;
    out.add(s);
  }
  return [...out];
}

describe('client build leaks no server-only lab source', () => {
  const clientFiles = walk(STATIC).filter((f) => /\.(js|mjs|css|json|map|txt)$/.test(f));
  const clientText = clientFiles.map((f) => fs.readFileSync(f, 'utf8')).join('\n');

  it('has a client build to inspect', () => {
    expect(clientFiles.length).toBeGreaterThan(5);
  });

  it('would notice a leak: fingerprints survive minification', async () => {
    const lab = labFolders()[0]!;
    const hidden = fs.readFileSync(path.join(LABS, lab, 'hidden.test.ts'), 'utf8');
    const minified = (await transform(hidden, { loader: 'ts', minify: true })).code;
    const prints = fingerprints(hidden, '');
    expect(prints.length).toBeGreaterThan(0);
    expect(prints.filter((p) => minified.includes(p)).length).toBeGreaterThan(prints.length / 2);
  });

  const serverOnly = new Set(labFolders().flatMap(serverOnlyFiles));
  const sharedText = ['labs', 'engine', 'grader', 'components', 'app', 'lib']
    .flatMap((d) => walk(path.resolve(d)))
    // lab.zh.json repeats the hidden tests' names and advice to translate them: results show those to the learner
    // anyway, so they are not what this test guards (the tests' code, the reference and the mutants).
    .filter((f) => /\.(ts|tsx|mdx|json)$/.test(f) && !serverOnly.has(f) && !f.includes(`${path.sep}generated${path.sep}`) && !f.endsWith('lab.zh.json'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');

  it.each(labFolders())('%s: hidden tests, reference and mutants are not in .next/static', (lab) => {
    const publicText = sharedText;
    const leaks: string[] = [];
    let checked = 0;
    for (const file of serverOnlyFiles(lab)) {
      for (const literal of fingerprints(fs.readFileSync(file, 'utf8'), publicText)) {
        checked++;
        if (clientText.includes(literal)) leaks.push(`${path.relative(LABS, file)}: "${literal}"`);
      }
    }
    expect(checked, `${lab} has server-only files with string literals to check`).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
    expect(clientText.includes('hidden.test')).toBe(false);
  });
});
