import path from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * Vitest for StrykerJS (npm run mutation): one lab's visible and hidden suites in plain Node,
 * with './solution' bound to the lab's .meta/reference.ts, the file Stryker mutates.
 */
const root = import.meta.dirname;

function solutionIsReference(): Plugin {
  return {
    name: 'lab-solution-is-reference',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id !== './solution' || importer === undefined) return null;
      const dir = path.dirname(importer);
      if (path.basename(path.dirname(dir)) !== 'labs') return null;
      return path.join(dir, '.meta', 'reference.ts');
    },
  };
}

export default defineConfig({
  plugins: [solutionIsReference()],
  test: {
    root,
    include: ['test/mutation/lab-suite.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
