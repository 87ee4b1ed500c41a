import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { burnPasswordCheck, hashPassword, verifyPassword } from '@/lib/auth/password';
import type { LoginLimiter } from '@/lib/auth/login-limiter';
import { limiterFor } from '@/lib/auth/shared-limiter';
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, passwordProblemKey } from '@/lib/auth/password-rules';
import { InputError, parseInput, UserFacingError } from './errors';
import { msg } from '@/lib/i18n/translate';
import type { Db, Viewer } from './types';

import { ACCOUNT_SESSION_DAYS, GUEST_SESSION_DAYS, isIssuedGuestToken, newSessionToken, SESSION_COOKIE } from '@/lib/auth/session-cookie';

export { ACCOUNT_SESSION_DAYS, GUEST_SESSION_DAYS, SESSION_COOKIE };
const DAY = 86_400_000;
const TOUCH_EVERY_MS = 60 * 60 * 1000;

export const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = newSessionToken;

const identifier = z
  .string({ error: 'account.errors.identifierMissing' })
  .trim()
  .min(1, 'account.errors.identifierMissing')
  .max(254, 'account.errors.identifierTooLong')
  .superRefine((value, ctx) => {
    if (value.includes('@')) {
      if (!z.email().safeParse(value).success) ctx.addIssue({ code: 'custom', message: 'account.errors.emailInvalid' });
    } else if (!/^[A-Za-z0-9_.-]{3,32}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'account.errors.usernameInvalid' });
    }
  });
const password = z
  .string({ error: 'account.errors.passwordMissing' })
  .min(PASSWORD_MIN_CHARS, 'account.errors.passwordShort')
  .max(PASSWORD_MAX_CHARS, 'account.errors.passwordLong');

export const signUpSchema = z
  .strictObject({ identifier, password, confirm: z.string({ error: 'account.errors.confirmMissing' }) })
  .superRefine((v, ctx) => {
    const problem = passwordProblemKey(v.password, v.identifier);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'account.errors.passwordsDiffer' });
export const logInSchema = z.strictObject({
  identifier,
  password: z.string({ error: 'account.errors.loginPasswordMissing' }).min(1, 'account.errors.loginPasswordMissing').max(PASSWORD_MAX_CHARS, 'account.errors.passwordLong'),
});

export type AuthResult = { viewer: Viewer; token: string; expiresAt: Date };

/** Too many attempts: `retryAfterMs` says when to try again. */
export class RateLimitedError extends UserFacingError {
  constructor(
    readonly retryAfterMs: number,
    what: 'signIn' | 'signUp' = 'signIn',
  ) {
    super(msg(`errors.rateLimited.${what}`, { seconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }));
    this.name = 'RateLimitedError';
  }
}

function toViewer(u: { id: string; isGuest: boolean; username: string | null; email: string | null; displayName: string | null; locale?: string | null }): Viewer {
  return { id: u.id, isGuest: u.isGuest, username: u.username, email: u.email, displayName: u.displayName, locale: u.locale ?? null };
}

function splitIdentifier(value: string): { username: string } | { email: string } {
  return value.includes('@') ? { email: value.toLowerCase() } : { username: value.toLowerCase() };
}

/**
 * Login attempts are limited by two token buckets: per account name (5 attempts, then one every 30 s)
 * and per client address (20 attempts, then one every 3 s). Sign-ups have their own bucket per client
 * address (5, then one a minute). Every password check also passes the bounded hashing gate
 * (lib/auth/password.ts), which refuses work past its queue instead of queueing CPU.
 */
export function defaultLimiters(db: Db = prisma): { perAccount: LoginLimiter; perClient: LoginLimiter; signUpPerClient: LoginLimiter } {
  // On PostgreSQL these buckets live in the database, shared by every web server; on SQLite, in this process.
  return {
    perAccount: limiterFor(db, 'login-account', { capacity: 5, refillTokens: 1, refillIntervalMs: 30_000 }),
    perClient: limiterFor(db, 'login-client', { capacity: 20, refillTokens: 1, refillIntervalMs: 3_000 }),
    signUpPerClient: limiterFor(db, 'signup-client', { capacity: 5, refillTokens: 1, refillIntervalMs: 60_000 }),
  };
}

export function accountsData(db: Db, limiters = defaultLimiters(db)) {
  async function createSession(userId: string, guest: boolean, now: Date): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(now.getTime() + (guest ? GUEST_SESSION_DAYS : ACCOUNT_SESSION_DAYS) * DAY);
    await db.session.create({ data: { id: sha256(token), userId, expiresAt, createdAt: now, lastUsedAt: now } });
    return { token, expiresAt };
  }

  const self = {
    createSession,

    /** A new guest learner with a session (created lazily, on the first thing worth saving). */
    async createGuest(now = new Date()): Promise<AuthResult> {
      const user = await db.user.create({ data: { isGuest: true, createdAt: now, lastSeenAt: now } });
      return { viewer: toViewer(user), ...(await createSession(user.id, true, now)) };
    },

    /**
     * The guest behind a token the proxy issued on the browser's first page view, created on first
     * use. Concurrent first writes from one browser carry the same token, so they race on the
     * session's primary key and all end up with one guest (the losers read the winner's row).
     */
    async guestForToken(token: string, now = new Date()): Promise<Viewer | null> {
      // Only a token this server issued (signed by the proxy) becomes a guest; a made-up one never does.
      if (!(await isIssuedGuestToken(token))) return null;
      const existing = await self.viewerForToken(token, now);
      if (existing) return existing;
      try {
        const user = await db.$transaction(async (tx) => {
          const created = await tx.user.create({ data: { isGuest: true, createdAt: now, lastSeenAt: now } });
          const expiresAt = new Date(now.getTime() + GUEST_SESSION_DAYS * DAY);
          await tx.session.create({ data: { id: sha256(token), userId: created.id, expiresAt, createdAt: now, lastUsedAt: now } });
          return created;
        });
        return toViewer(user);
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return self.viewerForToken(token, now);
        throw error;
      }
    },

    /** The learner whose session token this is, or null (unknown or expired; expired sessions are deleted). */
    async viewerForToken(token: string | undefined, now = new Date()): Promise<Viewer | null> {
      if (!token || token.length > 200) return null;
      const session = await db.session.findUnique({ where: { id: sha256(token) }, include: { user: true } });
      if (!session) return null;
      if (session.expiresAt <= now) {
        await db.session.deleteMany({ where: { id: session.id } });
        return null;
      }
      if (now.getTime() - session.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        const days = session.user.isGuest ? GUEST_SESSION_DAYS : ACCOUNT_SESSION_DAYS;
        await db.session.updateMany({ where: { id: session.id }, data: { lastUsedAt: now, expiresAt: new Date(now.getTime() + days * DAY) } });
        await db.user.updateMany({ where: { id: session.userId }, data: { lastSeenAt: now } });
      }
      return toViewer(session.user);
    },

    /**
     * Creates an account. A guest signing up keeps their id, so all their progress stays theirs; their
     * old sessions are replaced by a fresh one (no session fixation).
     */
    async signUp(current: Viewer | null, raw: unknown, now = new Date(), client = 'unknown'): Promise<AuthResult> {
      const input = parseInput(signUpSchema, raw);
      if (current && !current.isGuest) throw new InputError(msg('account.errors.alreadySignedIn'));
      const allowed = await limiters.signUpPerClient.take(client, now.getTime());
      if (!allowed.ok) throw new RateLimitedError(allowed.retryAfterMs, 'signUp');
      const who = splitIdentifier(input.identifier);
      const taken = await db.user.findFirst({ where: who });
      if (taken) {
        if ('email' in who) throw new InputError(msg('account.errors.emailTaken'), { identifier: msg('account.errors.emailTakenField') });
        throw new InputError(msg('account.errors.usernameTaken'), { identifier: msg('account.errors.usernameTakenField') });
      }
      const passwordHash = await hashPassword(input.password);
      const data = { ...who, passwordHash, displayName: input.identifier, isGuest: false };
      let user;
      try {
        if (current) {
          user = await db.user.update({ where: { id: current.id }, data });
          await db.session.deleteMany({ where: { userId: user.id } });
        } else {
          user = await db.user.create({ data: { ...data, createdAt: now, lastSeenAt: now } });
        }
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') throw new InputError(msg('account.errors.nameTakenJustNow'), { identifier: msg('account.errors.nameTakenJustNowField') });
        throw error;
      }
      return { viewer: toViewer(user), ...(await createSession(user.id, false, now)) };
    },

    /**
     * Signs in with username or email and password. `client` (the caller's address) keys the
     * per-client limit; the per-account limit is skipped when `knownDevice(accountKey)` says this
     * browser signed in to the account before (lib/auth/device-cookie.ts), so strangers spending
     * the account's attempts cannot lock its owner out.
     */
    async logIn(raw: unknown, client: string, now = new Date(), knownDevice: (accountKey: string) => boolean = () => false): Promise<AuthResult & { accountKey: string }> {
      const input = parseInput(logInSchema, raw);
      const who = splitIdentifier(input.identifier);
      const accountKey = Object.values(who)[0]!;
      const buckets: (readonly [LoginLimiter, string])[] = [[limiters.perClient, client]];
      if (!knownDevice(accountKey)) buckets.push([limiters.perAccount, accountKey]);
      for (const [limiter, key] of buckets) {
        const taken = await limiter.take(key, now.getTime());
        if (!taken.ok) throw new RateLimitedError(taken.retryAfterMs);
      }
      const user = await db.user.findFirst({ where: { ...who, isGuest: false } });
      const ok = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : (await burnPasswordCheck(input.password), false);
      if (!user || !ok) throw new InputError(msg('account.errors.wrongCredentials'), { password: msg('account.errors.wrongCredentialsField') });
      return { viewer: toViewer(user), accountKey, ...(await createSession(user.id, false, now)) };
    },

    /** Ends the session (the row is deleted, so the token is useless from now on). */
    async signOut(token: string | undefined): Promise<void> {
      if (token) await db.session.deleteMany({ where: { id: sha256(token) } });
    },

    /** Saves the interface language to an account (guests keep theirs in a cookie only). */
    async setAccountLocale(user: Viewer, locale: string): Promise<void> {
      if (user.isGuest) return;
      await db.user.updateMany({ where: { id: user.id, isGuest: false }, data: { locale } });
    },

    /** Deletes the learner and, by cascade, everything they stored. */
    async deleteAccount(user: Viewer): Promise<void> {
      await db.user.deleteMany({ where: { id: user.id } });
    },
  };
  return self;
}
export type AccountsData = ReturnType<typeof accountsData>;

export const { createGuest, guestForToken, viewerForToken, signUp, logIn, signOut, deleteAccount, setAccountLocale } = accountsData(prisma);
