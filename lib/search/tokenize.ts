/**
 * How search text becomes terms, the same for the index (built on the server) and the query (in the
 * browser). MiniSearch's default tokenizer splits on spaces and punctuation, which leaves a Chinese
 * sentence as one "word", so a query for 选举 would never match 领导者选举. Here:
 *
 * - a run of Han characters becomes its overlapping character bigrams (领导者选举 → 领导 导者 者选 选举);
 *   a single character stays a unigram. A one-character query matches bigrams by prefix (see query.ts).
 * - a run of other letters and digits is one word (ReadIndex → readindex, "read-index" → read, index),
 *   lower-cased; a few English stop words are dropped so "what is raft" means "raft".
 *
 * Pure and free of Node or React: imported by lib/search/build-index.ts and components/search/*.
 */

const HAN = /\p{Script=Han}/u;
// A Han run, or a run of letters/digits that are not Han (so "Raft选举" is "raft" + "选举").
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'do', 'does', 'for', 'how', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'what', 'when', 'which', 'why', 'with']);

export function isHan(term: string): boolean {
  return HAN.test(term);
}

/** The terms of `text`: Han bigrams (or a lone Han character) and lower-cased words, in order. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(RUNS)) {
    if (m[1] !== undefined) {
      const chars = [...m[1]];
      if (chars.length === 1) out.push(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    } else if (m[2] !== undefined) {
      out.push(m[2]);
    }
  }
  return out;
}

/** One term as indexed and searched: lower case (NFKC, so full-width letters match); stop words dropped. */
export function processTerm(term: string): string | null {
  const t = term.normalize('NFKC').toLowerCase();
  if (t === '' || STOP_WORDS.has(t)) return null;
  return t;
}
