import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPgDirs, findPgBin } from '../../../scripts/pg-cluster.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dsd-pgbin-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function fakeBin(name: string, tools: string[]) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const tool of tools) fs.writeFileSync(path.join(dir, tool), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
}

describe('finding PostgreSQL for the throw-away test cluster', () => {
  it('takes the first folder with all of initdb, pg_ctl and postgres: PG_BIN, then PATH, then the usual places', () => {
    const partial = fakeBin('partial', ['initdb', 'pg_ctl']);
    const full = fakeBin('full', ['initdb', 'pg_ctl', 'postgres']);
    const other = fakeBin('other', ['initdb', 'pg_ctl', 'postgres']);
    expect(findPgBin({ PATH: [partial, full].join(path.delimiter) }, [])).toBe(full);
    expect(findPgBin({ PATH: partial }, [other])).toBe(other);
    expect(findPgBin({ PATH: full, PG_BIN: other }, [])).toBe(other);
  });

  it('answers null when there is none (the data-pg project is then skipped, or fails under CI=true)', () => {
    expect(findPgBin({ PATH: fakeBin('empty', []) }, [])).toBeNull();
    expect(findPgBin({}, [path.join(tmp, 'missing')])).toBeNull();
  });

  it("looks in Debian's /usr/lib/postgresql/<version>/bin, newest first, then /usr/local/bin", () => {
    const dirs = defaultPgDirs();
    expect(dirs.slice(-2)).toEqual(['/usr/local/bin', '/usr/local/pgsql/bin']);
    const versions = dirs.filter((d) => d.startsWith('/usr/lib/postgresql/')).map((d) => Number(d.split('/')[4]));
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
  });
});
