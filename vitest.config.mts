import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { findPgBin } from './scripts/pg-cluster.mjs';

// Two projects: "unit" runs every unit test on SQLite; "data-pg" runs the data-access tests
// (test/unit/data/**) again on PostgreSQL, on a throw-away cluster its globalSetup starts.
// Without PostgreSQL binaries the second project is left out with one message, except under CI=true,
// where it stays and its setup fails.
const pgAvailable = findPgBin() !== null;
const runPg = pgAvailable || process.env.CI === 'true';
if (!runPg && !process.env.VITEST_WORKER_ID) {
  console.warn(
    '\n[data-pg] PostgreSQL data tests SKIPPED: no initdb/pg_ctl/postgres in PATH, /usr/lib/postgresql/*/bin or /usr/local/bin ' +
      "(install Debian's postgresql package to run them; CI=true makes this an error).\n",
  );
}

const alias = {
  '@': path.resolve(import.meta.dirname),
  'server-only': path.resolve(import.meta.dirname, 'test/unit/support/empty.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'] },
      },
      ...(runPg
        ? [
            {
              extends: true,
              test: {
                name: 'data-pg',
                include: ['test/unit/data/**/*.test.ts'],
                env: { TEST_DATABASE: 'postgresql' },
                globalSetup: ['test/unit/support/pg-global-setup.ts'],
                hookTimeout: 180_000,
              },
            },
          ]
        : []),
    ],
  },
});
