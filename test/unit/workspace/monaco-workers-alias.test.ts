/**
 * next.config.js aliases Monaco's `internal/common/workers.js` (which imports every editor contribution) to
 * components/editor/monaco-workers.ts. The alias matches an import specifier, not a file: these checks fail when a
 * Monaco upgrade moves the module, imports it by another path, or gives it another export, instead of the lab page
 * silently growing by the 460 KB it saves.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '..', '..', '..');
const nextConfig = require(path.join(root, 'next.config.js')) as { turbopack?: { resolveAlias?: Record<string, string> } };
const monacoEsm = path.join(root, 'node_modules', 'monaco-editor', 'esm');
const original = path.join(monacoEsm, 'vs', 'internal', 'common', 'workers.js');

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? jsFiles(full) : entry.name.endsWith('.js') ? [full] : [];
  });
}

describe("the alias for Monaco's worker module", () => {
  const aliases = Object.entries(nextConfig.turbopack?.resolveAlias ?? {}).filter(([, target]) => target.endsWith('monaco-workers.ts'));

  it('is declared once, for the specifier every importer of the module uses', () => {
    expect(aliases).toHaveLength(1);
    const [specifier] = aliases[0]!;
    const importers = jsFiles(monacoEsm).filter((file) => {
      const source = fs.readFileSync(file, 'utf8');
      return [...source.matchAll(/from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]/g)].some((m) => {
        const spec = m[1] ?? m[2]!;
        return spec.startsWith('.') && path.resolve(path.dirname(file), spec) === original;
      });
    });
    expect(importers.length).toBeGreaterThan(0);
    for (const file of importers) expect(fs.readFileSync(file, 'utf8'), path.relative(monacoEsm, file)).toContain(`'${specifier}'`);
  });

  it('stands in with the same exports and without the contributions', () => {
    const exportsOf = (source: string) => [...source.matchAll(/export\s*\{([^}]*)\}|export\s+(?:async\s+)?function\s+(\w+)/g)].flatMap((m) => (m[2] ? [m[2]] : m[1]!.split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!))).filter(Boolean).sort();
    const standIn = fs.readFileSync(path.join(root, 'components', 'editor', 'monaco-workers.ts'), 'utf8');
    expect(exportsOf(standIn)).toEqual(exportsOf(fs.readFileSync(original, 'utf8')));
    expect(standIn).not.toMatch(/\/contrib\//);
  });
});
