import { createTranslator } from 'next-intl';
import type { Locale } from './locale';
import { MESSAGES } from './messages';

/**
 * Interface strings outside React: errors raised in lib/ (which runs in unit tests and workers
 * with no request) carry a key and its values, and are put into words here, in English for logs
 * and tests and in the learner's language at the edge (server actions, API routes).
 */
export type MessageValues = Record<string, string | number>;
export type MessageRef = { key: string; values?: MessageValues };
/** A message given either as a key of the interface strings with values, or as plain text. */
export type Message = string | MessageRef;

/** A reference to the interface string `key` (e.g. 'errors.quiz.unknownQuestion'); test/unit/i18n checks every literal key exists. */
export function msg(key: string, values?: MessageValues): MessageRef {
  return values ? { key, values } : { key };
}

type Translate = (key: string, values?: MessageValues) => string;
const translators = new Map<Locale, Translate>();
function translatorFor(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({
      locale,
      messages: MESSAGES[locale] as never,
      // A missing key must never break an error answer: fall back to English, then to the key itself.
      onError: () => undefined,
      getMessageFallback: ({ namespace, key }) => {
        const full = namespace ? `${namespace}.${key}` : key;
        return locale === 'en' ? full : translate('en', full);
      },
    }) as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}

export function translate(locale: Locale, key: string, values?: MessageValues): string {
  return translatorFor(locale)(key, values);
}

export function messageText(message: Message, locale: Locale = 'en'): string {
  return typeof message === 'string' ? message : translate(locale, message.key, message.values);
}

/** Whether `key` names an interface string (used to tell keys from plain text in zod issues). */
export function isMessageKey(key: string): boolean {
  if (!/^[a-zA-Z]\w*(?:\.[\w-]+)+$/.test(key)) return false;
  let node: unknown = MESSAGES.en;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}
