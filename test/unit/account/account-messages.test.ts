import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsData } from '@/lib/data/accounts';
import { InputError, NotFoundError } from '@/lib/data/errors';
import { passwordProblem, passwordProblemKey } from '@/lib/auth/password-rules';
import { isMessageKey, translate } from '@/lib/i18n/translate';
import { progressData } from '@/lib/data/progress';
import type { Db } from '@/lib/data/types';
import { createTestDb, makeUser } from '../data/test-db';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(() => {
  ({ db, cleanup } = createTestDb());
});
afterAll(async () => cleanup());

const han = /\p{Script=Han}/u;

/** The InputError a sign-up attempt raises (or null when it succeeds). */
async function signUpError(input: unknown): Promise<InputError | null> {
  try {
    await accountsData(db).signUp(null, input);
    return null;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

describe('account messages in the learner’s language', () => {
  it('sign-up validation: English in .fields, Chinese field messages when localized', async () => {
    const short = (await signUpError({ identifier: 'okname', password: 'short', confirm: 'short' }))!;
    expect(short.fields.password).toBe('use at least 10 characters');
    expect(short.localizedFields('zh-CN').password).toBe('密码至少 10 个字符');
    expect(short.localized('zh-CN')).toMatch(han);

    const name = (await signUpError({ identifier: 'ab', password: 'long enough pw', confirm: 'long enough pw' }))!;
    expect(name.fields.identifier).toMatch(/3–32/);
    expect(name.localizedFields('zh-CN').identifier).toMatch(han);

    const differ = (await signUpError({ identifier: 'okname', password: 'long enough pw', confirm: 'other one' }))!;
    expect(differ.fields.confirm).toBe('the two passwords differ');
    expect(differ.localizedFields('zh-CN').confirm).toBe('两次输入的密码不一致');

    const common = (await signUpError({ identifier: 'okname', password: 'password123', confirm: 'password123' }))!;
    expect(common.fields.password).toMatch(/common passwords/);
    expect(common.localizedFields('zh-CN').password).toMatch(han);

    const missing = (await signUpError({}))!;
    expect(missing.message).toBe('Please check the highlighted fields.');
    for (const text of Object.values(missing.localizedFields('zh-CN'))) expect(text).toMatch(han);
  });

  it('a taken name and wrong credentials answer in Chinese too', async () => {
    await accountsData(db).signUp(null, { identifier: 'mei@example.com', password: 'a long passphrase', confirm: 'a long passphrase' });
    const taken = (await signUpError({ identifier: 'MEI@example.com', password: 'a long passphrase', confirm: 'a long passphrase' }))!;
    expect(taken.message).toBe('That email address already has an account.');
    expect(taken.localized('zh-CN')).toBe('这个邮箱已经注册过账号。');
    expect(taken.localizedFields('zh-CN').identifier).toMatch(han);

    const wrong = await accountsData(db)
      .logIn({ identifier: 'mei@example.com', password: 'not the passphrase' }, '9.9.9.9')
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(InputError);
    expect((wrong as InputError).message).toBe('Wrong username/email or password.');
    expect((wrong as InputError).localized('zh-CN')).toBe('用户名/邮箱或密码错误。');
  });

  it('every password rule has an English wording (unchanged) and a Chinese one', () => {
    for (const [pw, id] of [
      ['short', 'x'],
      ['x'.repeat(201), 'x'],
      ['grace-hopper', 'grace-hopper'],
      ['aaaaaaaaaaaa', 'someone'],
      ['Password123', 'someone'],
    ] as const) {
      const key = passwordProblemKey(pw, id)!;
      expect(passwordProblem(pw, id)).toBe(translate('en', key));
      expect(translate('zh-CN', key)).toMatch(han);
    }
    expect(passwordProblemKey('a long passphrase', 'grace')).toBeNull();
  });

  it('an unknown lesson is “not found” in either language', async () => {
    const user = await makeUser(db, 'reader');
    const error = await progressData(db)
      .recordLessonVisit(user, { topic: 'raft', lesson: 'nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe('lesson not found');
    expect((error as NotFoundError).localized('zh-CN')).toContain('课程');
  });

  it('every message key written as a zod message or rule result exists', () => {
    let seen = 0;
    for (const file of ['lib/data/accounts.ts', 'lib/auth/password-rules.ts', 'app/api/session/route.ts', 'lib/data/progress.ts', 'app/_actions/account.ts']) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/'((?:account|progress)\.[\w.]+)'/g)) {
        seen++;
        expect(isMessageKey(m[1]!), `${file}: ${m[1]}`).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(20);
  });
});
