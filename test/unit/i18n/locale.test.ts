import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, resolveLocale } from '@/lib/i18n/locale';

describe('choosing the language of a request', () => {
  it('the learner’s cookie wins; a forged cookie is ignored', () => {
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(resolveLocale('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(resolveLocale('fr', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('<script>', undefined)).toBe('en');
  });
  it('otherwise the first Accept-Language we serve, by q-value, else English', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,zh;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR, de;q=0.9, zh-Hans;q=0.5, en;q=0.4')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en;q=0.2, zh;q=0.7')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('zh;q=0, en')).toBe('en');
    expect(localeFromAcceptLanguage('fr, de')).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
    expect(localeFromAcceptLanguage(';;,q=,zh;q=abc')).toBeNull();
    expect(resolveLocale(undefined, 'ja')).toBe('en');
  });
});
