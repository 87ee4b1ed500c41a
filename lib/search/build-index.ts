import 'server-only';
import MiniSearch from 'minisearch';
import type { Locale } from '@/lib/i18n/locale';
import { searchDocuments } from './documents';
import { MINISEARCH_OPTIONS, SEARCH_INDEX_VERSION, type SearchDoc, type SearchIndexPayload } from './options';

/**
 * Builds the serialized search index of one language (served prebuilt by
 * app/api/search-index/[locale]/route.ts, a force-static route rendered once at build time).
 *
 * Library choice, measured on 2026-12-02 with `esbuild --bundle --minify --format=esm` of a tiny entry
 * that builds, searches and loads an index:
 *   minisearch 7.2.0              17.7 KB minified,  6.0 KB gzipped   ← chosen
 *   flexsearch 0.8.212 (Document) 50.6 KB minified, 17.3 KB gzipped (the default "bundle" build; 17.2 KB for Index alone)
 *   flexsearch 0.8.212 "light"    11.5 KB minified,  4.5 KB gzipped, but no multi-field documents,
 *                                 stored fields or export/import, which this needs
 * (npm tarballs: flexsearch-0.8.212.tgz 475 KB, most of it the many prebuilt variants.)
 * MiniSearch has field boosts, prefix and fuzzy matching, stored fields and toJSON/loadJS, so the
 * index is built here once and the browser only deserializes it. Neither library splits Chinese,
 * so both would need the bigram tokenizer of ./tokenize.ts. The library and the index are fetched
 * only when the dialog is first opened (components/search/search-button.tsx).
 */
export async function buildSearchIndex(locale: Locale): Promise<SearchIndexPayload> {
  return { version: SEARCH_INDEX_VERSION, locale, index: indexDocuments(await searchDocuments(locale)).toJSON() };
}

export function indexDocuments(docs: SearchDoc[]): MiniSearch<SearchDoc> {
  const mini = new MiniSearch<SearchDoc>(MINISEARCH_OPTIONS);
  mini.addAll(docs);
  return mini;
}
