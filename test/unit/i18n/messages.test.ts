import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, NAMESPACES } from '@/lib/i18n/messages';

/**
 * The interface strings in both languages: the same keys with the same placeholders, Chinese that
 * is Chinese, and every key the code asks for (`t('…')` on a translator from useTranslations or
 * getTranslations) present, so no page can show a raw key in either language.
 */
type Tree = { [k: string]: string | Tree };
const en = MESSAGES.en as Tree;
const zh = MESSAGES['zh-CN'] as Tree;

function flatten(o: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
/** ICU argument names ({name}, {count, plural, …}) and rich-text tags (<b>…</b>) of a message. */
const placeholders = (s: string) =>
  [...[...s.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => `{${m[1]}}`), ...[...s.matchAll(/<(\w+)>/g)].map((m) => `<${m[1]}>`)].sort().filter((x, i, a) => a.indexOf(x) === i);

const enFlat = flatten(en);
const zhFlat = flatten(zh);

describe('interface strings', () => {
  it('every namespace has a file in both languages', () => {
    for (const ns of NAMESPACES) {
      expect(fs.existsSync(path.join('lib/i18n/messages/en', `${ns}.json`)), ns).toBe(true);
      expect(fs.existsSync(path.join('lib/i18n/messages/zh-CN', `${ns}.json`)), ns).toBe(true);
    }
  });

  it('every key exists in both languages, with the same placeholders and tags', () => {
    expect([...zhFlat.keys()].sort()).toEqual([...enFlat.keys()].sort());
    for (const [k, v] of zhFlat) expect(placeholders(v), k).toEqual(placeholders(enFlat.get(k)!));
  });

  it('no string is empty', () => {
    for (const [k, v] of [...enFlat, ...zhFlat]) expect(v.trim(), k).not.toBe('');
  });

  it('the Chinese strings are Chinese (words Chinese engineers keep in English aside)', () => {
    for (const [k, v] of zhFlat) {
      // What is left once placeholders, tags and kept terms are taken out must not be an English phrase.
      const rest = v
        // Code in rich-text tags (<cmd>npm run lab</cmd>) is shown as code, not prose.
        .replace(/<(cmd|code)>[\s\S]*?<\/\1>/g, ' ')
        .replace(/\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, ' ')
        .replace(/<\/?\w+>/g, ' ')
        .replace(/\b(?:English|Dist-Sys Dojo|Dist-Sys|Raft|Monaco|TypeScript|JavaScript|JSON|API|ID|IDs|RPC|CPU|ms|GitHub|FSRS|Tab|Enter|Esc|Space|Shift|Ctrl|Cmd|Alt|OK|URL|ReadIndex|PreVote|CheckQuorum|leader|follower|candidate|term|log|commit|quorum|seed|trace|diff|Redis|MySQL|etcd|ZooKeeper|Snowflake|CAP|BASE|TCC|Saga|TTL|QPS|AP|CP|PA|EL|PC|EC|LWW|CRDT)\b/gi, ' ');
      const english = rest.match(/[A-Za-z]{3,}(?:\s+[A-Za-z]{3,}){1,}/);
      expect(english?.[0] ?? null, `${k}: ${v}`).toBeNull();
      if (/[A-Za-z]{2,}/.test(rest)) expect(/\p{Script=Han}/u.test(v), `${k}: ${v}`).toBe(true);
    }
  });

  it('every key the code asks for exists', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) files.push(p);
      }
    };
    for (const dir of ['app', 'components', 'lib']) walk(dir);
    let checked = 0;
    const missing: string[] = [];
    for (const file of files) {
      const src = fs.readFileSync(file, 'utf8');
      // const t = useTranslations('quiz') / await getTranslations('quiz') / getTranslations({ locale, namespace: 'quiz' })
      const decl = /(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*(?:'([\w.]*)'|\{[^}]*namespace:\s*'([\w.]*)'[^}]*\})?\s*\)/g;
      // A name may be bound in several components of one file, to different namespaces: a key must exist in one of them.
      const bound = new Map<string, Set<string>>();
      for (const m of src.matchAll(decl)) {
        const set = bound.get(m[1]!) ?? new Set<string>();
        set.add(m[2] ?? m[3] ?? '');
        bound.set(m[1]!, set);
      }
      for (const [name, namespaces] of bound) {
        const call = new RegExp(`\\b${name}(?:\\.rich|\\.markup|\\.raw)?\\(\\s*'([\\w.-]+)'`, 'g');
        for (const c of src.matchAll(call)) {
          checked++;
          const ok = [...namespaces].some((ns) => {
            const key = ns ? `${ns}.${c[1]}` : c[1]!;
            return enFlat.has(key) || (c[0].includes('.raw') && [...enFlat.keys()].some((k) => k.startsWith(`${key}.`)));
          });
          if (!ok) missing.push(`${file}: ${[...namespaces].join('|')} ${c[1]}`);
        }
      }
      // Messages raised outside React: msg('errors.…', values) (lib/i18n/translate.ts).
      for (const c of src.matchAll(/\bmsg\(\s*'([\w.-]+)'/g)) {
        checked++;
        if (!enFlat.has(c[1]!)) missing.push(`${file}: ${c[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
