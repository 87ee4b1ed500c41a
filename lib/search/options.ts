import type { Options } from 'minisearch';
import { processTerm, tokenize } from './tokenize';

/**
 * The shape of a search document and the MiniSearch options shared by the index builder (server,
 * build time) and the dialog (browser): a serialized index must be loaded with the same fields,
 * tokenizer and term processing it was built with.
 */

export const SEARCH_KINDS = ['lesson', 'question', 'lab', 'term'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type SearchDoc = {
  /** Its position in the index (ids are kept short in the serialized index; `href` is unique too). */
  id: number;
  kind: SearchKind;
  /** What the result shows first: the lesson title, the heading, the question's stem, the lab title, the term. */
  title: string;
  /** Other names it is found by: a heading's lesson title, a term's other-language name and aliases. */
  names: string;
  /** Searched, not shown in full: a lesson or lab summary, a full question stem, a term's definition. */
  text: string;
  /** The line under the title: "lesson › section" for a heading, the topic, a term's other name. */
  context: string;
  /** A short excerpt shown under the context (a summary or definition, cut to a line or two); may be empty. */
  snippet: string;
  href: string;
};

/** What a result carries back from the index (MiniSearch's stored fields). */
export type StoredDoc = Pick<SearchDoc, 'kind' | 'title' | 'context' | 'snippet' | 'href'>;

export const SEARCH_FIELDS = ['title', 'names', 'text'] as const;
export const STORE_FIELDS = ['kind', 'title', 'context', 'snippet', 'href'] as const;

export const MINISEARCH_OPTIONS: Options<SearchDoc> = {
  fields: [...SEARCH_FIELDS],
  storeFields: [...STORE_FIELDS],
  tokenize,
  processTerm,
};

/** Bumped when the document shape or the tokenizer changes, so a stale index is never loaded with new options. */
export const SEARCH_INDEX_VERSION = 1;

export type SearchIndexPayload = {
  version: number;
  locale: string;
  /** MiniSearch#toJSON() */
  index: unknown;
};
