import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, makeUser } from '../data/test-db';
import { apiTokensData } from '@/lib/data/api-tokens';
import type { Db } from '@/lib/data/types';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(() => {
  ({ db, cleanup } = createTestDb());
});
afterAll(async () => {
  await cleanup();
});

describe('API tokens', () => {
  it('are returned once and stored only as their sha256; authenticate acts for the user and touches lastUsedAt', async () => {
    const data = apiTokensData(db);
    const ada = await makeUser(db, 'ada-tokens');
    const { token, view } = await data.create(ada, { name: ' laptop ' });
    expect(token).toMatch(/^dojo_[A-Za-z0-9_-]{40,}$/);
    expect(view).toMatchObject({ name: 'laptop', scope: 'submit', lastUsedAt: null, revokedAt: null });
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    const check = await data.authenticate(token);
    expect(check).toMatchObject({ ok: true, viewer: { id: ada.id } });
    expect((await data.list(ada))[0]!.lastUsedAt).not.toBeNull();
    expect(await data.bearerAuth(new Request('http://x/', { headers: { authorization: `Bearer ${token}` } }))).toMatchObject({ ok: true });
    expect(await data.bearerAuth(new Request('http://x/'))).toBeNull();
    expect(await data.authenticate('dojo_nope')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('revoke: only your own, and a revoked token is refused as revoked', async () => {
    const data = apiTokensData(db);
    const ada = await makeUser(db, 'ada-revoke');
    const eve = await makeUser(db, 'eve-revoke');
    const { token, view } = await data.create(ada, { name: 'ci' });
    await expect(data.revoke(eve, view.id)).rejects.toThrow(/not found/);
    await data.revoke(ada, view.id);
    expect(await data.authenticate(token)).toEqual({ ok: false, reason: 'revoked' });
    expect((await data.list(ada))[0]!.revokedAt).not.toBeNull();
  });

  it('validates the name and refuses guests', async () => {
    const data = apiTokensData(db);
    const ada = await makeUser(db, 'ada-names');
    await expect(data.create(ada, { name: '   ' })).rejects.toThrow();
    await expect(data.create(ada, { name: 'x'.repeat(61) })).rejects.toThrow();
    await expect(data.create({ ...ada, isGuest: true }, { name: 'x' })).rejects.toThrow(/Guests/);
  });
});
