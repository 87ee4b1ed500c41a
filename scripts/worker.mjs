// `npm run worker`: a standalone grader worker (lib/labs/worker-main.ts). It claims queued lab submissions from the
// database DATABASE_URL names, grades them in its own sandbox pool and records the verdicts; run any number of them,
// on any machines, next to web servers started with GRADER=remote. Stops gracefully on SIGTERM/SIGINT.
// package.json runs it as `node --import tsx scripts/worker.mjs`: tsx loads the TypeScript sources (no `next build`).
import { createRequire } from 'node:module';

// lib/ marks its server modules with `import 'server-only'`, which throws outside Next's server bundles (and the
// react-server export condition that would silence it breaks next-intl's React code). This process is a server:
// the marker is satisfied with an empty module, as the unit tests do (vitest.config.mts).
const require = createRequire(import.meta.url);
const serverOnly = require.resolve('server-only');
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {}, children: [], paths: [] };

const { runWorker } = await import('../lib/labs/worker-main.ts');
try {
  await runWorker();
} catch (error) {
  console.error('[grader worker] could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
