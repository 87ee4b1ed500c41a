import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import zhCN from '@/lib/i18n/messages/zh-CN.json';
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

describe('interface strings', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
  const values = (o: object): string[] => Object.values(o).flatMap((v) => (v && typeof v === 'object' ? values(v) : [String(v)]));
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it('every key exists in both languages, with the same placeholders', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    const flat = (o: object) => new Map(keys(o).map((k) => [k, k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o) as string] as const));
    const e = flat(en);
    for (const [k, v] of flat(zhCN)) expect(placeholders(v), k).toEqual(placeholders(e.get(k)!));
  });
  it('the Chinese strings are Chinese (except language names and the brand)', () => {
    for (const v of values(zhCN).filter((s) => s !== 'English' && !s.startsWith('Dist-Sys'))) expect(/\p{Script=Han}/u.test(v), v).toBe(true);
  });
});
