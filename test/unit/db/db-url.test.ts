import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePgError } from '../../../scripts/db-migrate.mjs';
import { databaseKind, databaseUrl, redactedUrl, schemaPaths } from '../../../scripts/db-url.mjs';

describe('DATABASE_URL', () => {
  it('defaults to the SQLite file prisma/dev.db and makes a relative file path absolute', () => {
    expect(databaseUrl({})).toBe(`file:${path.resolve('prisma/dev.db')}`);
    expect(databaseUrl({ DATABASE_URL: 'file:./data/app.db' })).toBe(`file:${path.resolve('data/app.db')}`);
    expect(databaseKind(databaseUrl({}))).toBe('sqlite');
  });

  it('passes postgresql:// and postgres:// URLs through and picks the PostgreSQL schema and migrations', () => {
    for (const url of ['postgresql://app:pw@db.internal:5432/dojo', 'postgres://app@localhost/dojo?sslmode=require']) {
      expect(databaseUrl({ DATABASE_URL: url })).toBe(url);
      expect(databaseKind(url)).toBe('postgresql');
    }
    expect(schemaPaths.postgresql.schema).toBe(path.join('prisma', 'postgresql', 'schema.prisma'));
    expect(schemaPaths.postgresql.migrations).toBe(path.join('prisma', 'postgresql', 'migrations'));
  });

  it('refuses any other scheme in one sentence that names the accepted ones', () => {
    expect(() => databaseUrl({ DATABASE_URL: 'mysql://root@localhost/dojo' })).toThrow(
      /^DATABASE_URL must start with "file:" \(SQLite\) or "postgresql:\/\/" \(PostgreSQL\); got "mysql:…"\.$/,
    );
    expect(() => databaseUrl({ DATABASE_URL: 'dev.db' })).toThrow(/got a value with no scheme/);
  });

  it('never prints a password', () => {
    expect(redactedUrl('postgresql://app:s3cret@db:5432/dojo')).toBe('postgresql://app:***@db:5432/dojo');
    expect(redactedUrl('postgresql://app@db/dojo')).toBe('postgresql://app@db/dojo');
  });

  it('turns connection failures into one sentence each', () => {
    const url = 'postgresql://app:s3cret@db.internal:6543/dojo';
    expect(describePgError({ code: 'ECONNREFUSED' }, url)).toBe(
      'Cannot reach the PostgreSQL server at db.internal:6543 (ECONNREFUSED). Is it running, and does DATABASE_URL name the right host and port?',
    );
    expect(describePgError({ code: 'ENOTFOUND' }, url)).toMatch(/^Cannot reach the PostgreSQL server at db.internal:6543/);
    expect(describePgError({ code: '28P01', message: 'password authentication failed for user "app"' }, url)).toBe(
      'PostgreSQL at db.internal:6543 refused user "app": password authentication failed for user "app". Check the user and password in DATABASE_URL.',
    );
    expect(describePgError({ errors: [{ code: 'ECONNREFUSED' }] }, 'postgresql://app@db/dojo')).toMatch(/at db:5432 \(ECONNREFUSED\)/);
    expect(describePgError({ code: '42P01', message: 'relation does not exist' }, url)).toBeNull();
    expect(JSON.stringify([describePgError({ code: '28P01', message: 'x' }, url)])).not.toContain('s3cret');
  });
});
