import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Browser tests against a running production server (started by scripts/e2e.mjs).
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
