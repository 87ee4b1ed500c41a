// globalSetup of the "data-pg" vitest project: one throw-away PostgreSQL cluster for the whole run
// (scripts/pg-cluster.mjs), with a template database migrated by the same `prisma migrate deploy` that
// `npm start` runs. Each test file clones the template (test/unit/data/test-db.ts) and drops its clone.
import type { TestProject } from 'vitest/node';
import { migrate } from '../../../scripts/db-migrate.mjs';
import { findPgBin, startCluster } from '../../../scripts/pg-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export const PG_TEMPLATE = 'dsd_template';

export default async function setup(project: TestProject) {
  if (!findPgBin()) {
    throw new Error(
      'PostgreSQL tests are required (CI=true), but no PostgreSQL binaries (initdb, pg_ctl, postgres) were found in PATH, /usr/lib/postgresql/*/bin or /usr/local/bin: ' +
        ".ci/run installs Debian's postgresql package.",
    );
  }
  const started = Date.now();
  const cluster = await startCluster({ database: PG_TEMPLATE });
  const previous = process.env.DATABASE_URL;
  try {
    process.env.DATABASE_URL = cluster.url;
    await migrate({ quiet: true });
  } catch (error) {
    cluster.stop();
    throw error;
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
  console.log(`PostgreSQL ${cluster.port}: cluster started and template migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('pgAdminUrl', cluster.adminUrl);
  project.provide('pgTemplate', PG_TEMPLATE);
  return () => cluster.stop();
}
