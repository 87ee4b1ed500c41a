import type MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
import { SEARCH_KINDS, type SearchDoc, type SearchKind, type StoredDoc } from './options';
import { isHan } from './tokenize';

/**
 * Runs a query against a loaded index and groups the hits by kind. Every term must match (AND);
 * when nothing matches every term, any term will do (OR), so one typo or an extra word does not
 * empty the list. Words match by prefix (the learner is still typing) and, from five letters on,
 * with one or two typos; a single Chinese character matches the bigrams it starts.
 * Pure: used by the dialog in the browser and by the unit tests in Node.
 */

export type SearchHit = StoredDoc & { id: number; score: number };
export type SearchGroup = { kind: SearchKind; hits: SearchHit[]; total: number };
export type SearchOutcome = { total: number; groups: SearchGroup[] };

export const PER_GROUP = 6;
export const MAX_QUERY_LENGTH = 200;

const BASE: SearchOptions = {
  boost: { title: 3, names: 1.5, text: 1 },
  prefix: (term) => (isHan(term) ? [...term].length === 1 : term.length >= 2),
  fuzzy: (term) => (!isHan(term) && term.length >= 5 ? 0.2 : false),
};

export function runSearch(mini: MiniSearch<SearchDoc>, query: string, perGroup = PER_GROUP): SearchOutcome {
  const q = query.trim().slice(0, MAX_QUERY_LENGTH);
  if (q === '') return { total: 0, groups: [] };
  let results = mini.search(q, { ...BASE, combineWith: 'AND' });
  if (results.length === 0) results = mini.search(q, { ...BASE, combineWith: 'OR' });
  const byKind = new Map<SearchKind, SearchHit[]>();
  for (const r of results) {
    const kind = r.kind as SearchKind;
    if (!SEARCH_KINDS.includes(kind)) continue;
    const hit: SearchHit = { id: Number(r.id), score: r.score, kind, title: String(r.title), context: String(r.context ?? ''), snippet: String(r.snippet ?? ''), href: String(r.href) };
    const list = byKind.get(kind);
    if (list) list.push(hit);
    else byKind.set(kind, [hit]);
  }
  // Groups in the order of their best hit (results come sorted by score), each cut to `perGroup`.
  const groups = [...byKind.entries()].map(([kind, hits]) => ({ kind, hits: hits.slice(0, perGroup), total: hits.length }));
  return { total: results.length, groups };
}

/** The hits in the order the list shows them (group by group): what the arrow keys walk through. */
export function flatHits(outcome: SearchOutcome): SearchHit[] {
  return outcome.groups.flatMap((g) => g.hits);
}
