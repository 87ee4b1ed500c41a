import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePrismaSchema, portableModel, splitAttributes } from '../support/prisma-schema';

// The SQLite schema (prisma/schema.prisma) and its PostgreSQL twin (prisma/postgresql/schema.prisma) must describe
// the same data: the same models and enums, the same fields with the same types, optionality, defaults, relations,
// ids, uniques and indexes. Only the datasource provider and provider-specific native types (@db.*) may differ.
// (Each migration history is checked against its own schema in test/unit/data/migrations.test.ts.)

const read = (file: string) => parsePrismaSchema(fs.readFileSync(path.resolve(file), 'utf8'));

describe('the SQLite and PostgreSQL schemas', () => {
  const sqlite = read('prisma/schema.prisma');
  const postgres = read('prisma/postgresql/schema.prisma');

  it('name their providers', () => {
    expect(sqlite.provider).toBe('sqlite');
    expect(postgres.provider).toBe('postgresql');
  });

  it('have the same models, fields, relations, defaults, ids, uniques and indexes', () => {
    expect(sqlite.models.length).toBeGreaterThan(5);
    expect(portableModel(postgres)).toEqual(portableModel(sqlite));
  });

  it('keep the field order too, so the generated clients read alike', () => {
    const order = (s: typeof sqlite) => s.models.map((m) => `${m.name}(${m.fields.map((f) => f.name).join(',')})`);
    expect(order(postgres)).toEqual(order(sqlite));
  });
});

describe('the schema comparison', () => {
  const base = fs.readFileSync(path.resolve('prisma/schema.prisma'), 'utf8');
  const edit = (from: string | RegExp, to: string) => {
    const edited = base.replace(from, to);
    if (edited === base) throw new Error(`the edit ${String(from)} found nothing to change`);
    return edited;
  };
  const differs = (edited: string) => JSON.stringify(portableModel(parsePrismaSchema(edited))) !== JSON.stringify(portableModel(parsePrismaSchema(base)));

  it('sees a changed type, optionality, default, relation action, index or a missing field', () => {
    expect(differs(edit('locale       String?', 'locale       String'))).toBe(true);
    expect(differs(edit('locale       String?', 'locale       Int?'))).toBe(true);
    expect(differs(edit('@default("quiz")', '@default("lab")'))).toBe(true);
    expect(differs(edit('reps          Int       @default(0)', 'reps          Int'))).toBe(true);
    expect(differs(edit('@@index([status])', ''))).toBe(true);
    expect(differs(edit('@@unique([sessionId, cardId])', '@@unique([cardId, sessionId])'))).toBe(true);
    expect(differs(edit(/\n\s*locale\s+String\?\n/, '\n'))).toBe(true);
    expect(differs(edit('onDelete: Cascade)', 'onDelete: Restrict)'))).toBe(true);
    expect(differs(edit('username     String?   @unique', 'username     String?'))).toBe(true);
  });

  it('ignores comments, spacing, provider and @db native types', () => {
    expect(differs(edit('provider = "sqlite"', 'provider = "postgresql"'))).toBe(false);
    expect(differs(edit('code      String', 'code      String @db.Text'))).toBe(false);
    expect(differs(edit('@@index([userId, due])', '@@index([ userId,due ])  // a comment'))).toBe(false);
    expect(differs(edit('kind        String // topic | mixed | review', 'kind String'))).toBe(false);
  });

  it('refuses what it cannot read instead of skipping it', () => {
    expect(() => parsePrismaSchema('model A {\n  id String @id\n  geo Unsupported("point")\n}\n')).toThrow(/cannot read the field/);
    expect(() => parsePrismaSchema('view V {\n  id String @id\n}\n')).toThrow(/not understood/);
    expect(splitAttributes('@id @default(cuid()) @db.VarChar(30)')).toEqual(['@id', '@default(cuid())', '@db.VarChar(30)']);
    expect(splitAttributes('@default("a @b")')).toEqual(['@default("a @b")']);
  });
});
