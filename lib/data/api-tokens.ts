import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { InputError, NotFoundError, parseInput } from './errors';
import { msg } from '@/lib/i18n/translate';
import type { Db, Viewer } from './types';

/**
 * Personal API tokens for the command-line client (`npm run lab -- login`, issue 15). A token is
 * shown once, when it is created; only its sha256 is stored. It acts for its user and only for
 * submissions (scope "submit"): the submission routes accept it as `Authorization: Bearer …`.
 * Guests cannot create tokens (a guest's data lives behind a browser cookie).
 */

export const API_TOKEN_PREFIX = 'dojo_';
export const API_TOKEN_SCOPE = 'submit';
/** Tokens one learner may hold at once (revoked ones do not count). */
export const MAX_ACTIVE_TOKENS = 20;
const TOUCH_EVERY_MS = 60_000;

export interface ApiTokenView {
  id: string;
  name: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const nameSchema = z.strictObject({
  name: z.string({ error: 'account.tokens.errors.nameMissing' }).trim().min(1, 'account.tokens.errors.nameMissing').max(60, 'account.tokens.errors.nameLong'),
});

function toView(row: { id: string; name: string; scope: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Why a bearer token was refused: the CLI tells "revoked" apart from "unknown". */
export type TokenCheck = { ok: true; viewer: Viewer } | { ok: false; reason: 'unknown' | 'revoked' };

export function apiTokensData(db: Db) {
  return {
    /** Creates a token; the plain token is in the answer and nowhere else, ever. */
    async create(viewer: Viewer, raw: unknown, now = new Date()): Promise<{ token: string; view: ApiTokenView }> {
      if (viewer.isGuest) throw new InputError(msg('account.tokens.errors.guest'));
      const { name } = parseInput(nameSchema, raw);
      const active = await db.apiToken.count({ where: { userId: viewer.id, revokedAt: null } });
      if (active >= MAX_ACTIVE_TOKENS) throw new InputError(msg('account.tokens.errors.tooMany', { max: MAX_ACTIVE_TOKENS }));
      const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const row = await db.apiToken.create({ data: { userId: viewer.id, name, tokenHash: hashToken(token), scope: API_TOKEN_SCOPE, createdAt: now } });
      return { token, view: toView(row) };
    },

    /** The learner's tokens, newest first (revoked ones too, marked). */
    async list(viewer: Viewer): Promise<ApiTokenView[]> {
      const rows = await db.apiToken.findMany({ where: { userId: viewer.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      return rows.map(toView);
    },

    /** Revokes one of the learner's tokens (someone else's id: not found). Revoking twice is fine. */
    async revoke(viewer: Viewer, id: unknown, now = new Date()): Promise<void> {
      if (typeof id !== 'string' || id.length > 60) throw new NotFoundError('account.tokens.thing');
      const done = await db.apiToken.updateMany({ where: { id, userId: viewer.id }, data: { revokedAt: now } });
      if (done.count === 0) throw new NotFoundError('account.tokens.thing');
      // Keep the first revocation time.
    },

    /** The learner a bearer token acts for, touching lastUsedAt (at most once a minute). */
    async authenticate(token: string | undefined, now = new Date()): Promise<TokenCheck> {
      if (!token || token.length > 200 || !token.startsWith(API_TOKEN_PREFIX)) return { ok: false, reason: 'unknown' };
      const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
      if (!row || row.scope !== API_TOKEN_SCOPE) return { ok: false, reason: 'unknown' };
      if (row.revokedAt) return { ok: false, reason: 'revoked' };
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        await db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
      }
      const u = row.user;
      return { ok: true, viewer: { id: u.id, isGuest: u.isGuest, username: u.username, email: u.email, displayName: u.displayName, locale: u.locale } };
    },

    /**
     * The bearer token of a request (`Authorization: Bearer dojo_…`), checked; null when the request
     * carries none (the route then uses the session cookie as before). Read from the Request itself,
     * not from next/headers, so route handlers stay testable with plain Requests.
     */
    async bearerAuth(request: Request, now = new Date()): Promise<TokenCheck | null> {
      const header = request.headers.get('authorization');
      if (!header) return null;
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      return this.authenticate(match?.[1], now);
    },
  };
}

const data = apiTokensData(prisma);
export const createApiToken = data.create.bind(data);
export const listApiTokens = data.list.bind(data);
export const revokeApiToken = data.revoke.bind(data);
export const authenticateApiToken = data.authenticate.bind(data);
export const bearerAuth = data.bearerAuth.bind(data);

