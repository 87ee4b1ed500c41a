/**
 * Compiles the worker entry (TypeScript) into one CommonJS file that plain `node` can fork,
 * in production as in tests, without tsx. The sandbox packages stay external and resolve from
 * the project's node_modules; the file is written under node_modules/.cache, atomically, and
 * named by content hash so concurrent processes never read a half-written file.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const cache = new Map<string, Promise<string>>();

export function buildWorkerEntry(rootDir: string): Promise<string> {
  let pending = cache.get(rootDir);
  if (!pending) {
    pending = compile(rootDir);
    pending.catch(() => cache.delete(rootDir));
    cache.set(rootDir, pending);
  }
  return pending;
}

async function compile(rootDir: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(rootDir, 'grader', 'worker', 'child-main.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['isolated-vm', 'quickjs-emscripten', '@jitl/*'],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no worker entry');
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = path.join(rootDir, 'node_modules', '.cache', 'grader');
  const file = path.join(dir, `worker-${hash}.cjs`);
  try {
    await fs.access(file);
    return file;
  } catch {
    await fs.mkdir(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temporary, code);
    await fs.rename(temporary, file);
    return file;
  }
}
