import { Meilisearch } from 'meilisearch';
import type { Config } from '../config/config';
import type { SearchEngine } from '../search/search-engine';
import { EmbeddedSearchEngine } from '../search/adapters/embedded/embedded-search-engine';
import { MeilisearchSearchEngine } from '../search/adapters/meilisearch/meilisearch-search-engine';

/**
 * Meilisearch creates a "Default Search API Key" limited to searching; user-facing searches use it
 * (or MEILI_SEARCH_KEY) so the master key never serves a user request.
 */
async function defaultSearchKey(host: string, masterKey: string): Promise<string | undefined> {
  const keys = await new Meilisearch({ host, apiKey: masterKey }).getKeys({ limit: 100 });
  return keys.results.find((key) => key.actions.length === 1 && key.actions[0] === 'search' && key.indexes.includes('*'))?.key;
}

/** The engine named by SEARCH_DRIVER: embedded (in-process, the default) or Meilisearch. */
export async function createSearchEngine(config: Config): Promise<SearchEngine> {
  if (config.search.driver === 'embedded') return new EmbeddedSearchEngine();
  const { host, masterKey, indexPrefix } = config.search;
  const searchKey = config.search.searchKey ?? (await defaultSearchKey(host, masterKey).catch(() => undefined));
  if (!searchKey) throw new Error('No Meilisearch search key: set MEILI_SEARCH_KEY, or keep Meilisearch\'s default search key.');
  return new MeilisearchSearchEngine({ host, adminKey: masterKey, searchKey, indexPrefix });
}
