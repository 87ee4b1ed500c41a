import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '@/lib/data/errors';
import { RateLimitedError } from '@/lib/data/accounts';
import { isMessageKey, messageText, msg, translate } from '@/lib/i18n/translate';

describe('messages outside React', () => {
  it('keys are put into words in either language, with their values', () => {
    expect(translate('en', 'errors.rateLimited.signIn', { seconds: 3 })).toBe('Too many sign-in attempts. Try again in 3 s.');
    expect(translate('zh-CN', 'errors.rateLimited.signIn', { seconds: 3 })).toContain('3 秒');
    expect(messageText('plain text', 'zh-CN')).toBe('plain text');
  });
  it('a missing key falls back to English, then to the key, and never throws', () => {
    expect(translate('en', 'errors.nope')).toBe('errors.nope');
    expect(translate('zh-CN', 'errors.nope')).toBe('errors.nope');
  });
  it('tells keys from prose', () => {
    expect(isMessageKey('errors.unexpected')).toBe(true);
    expect(isMessageKey('errors')).toBe(false);
    expect(isMessageKey('at least 10 characters.')).toBe(false);
  });
  it('errors keep English in .message and answer in the learner’s language', () => {
    const e = new RateLimitedError(2500);
    expect(e.message).toBe('Too many sign-in attempts. Try again in 3 s.');
    expect(e.localized('zh-CN')).toMatch(/\p{Script=Han}/u);
    const nf = new NotFoundError('lesson');
    expect(nf.message).toBe('lesson not found');
    const input = new InputError(msg('errors.checkFields'), { name: 'errors.checkFields', other: 'plain' });
    expect(input.fields).toEqual({ name: 'Please check the highlighted fields.', other: 'plain' });
    expect(input.localizedFields('zh-CN').name).toMatch(/\p{Script=Han}/u);
  });
});
