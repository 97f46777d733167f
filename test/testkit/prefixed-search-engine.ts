import type { SearchEngine } from '../../server/src/search/search-engine';

/**
 * Gives one test file its own index names on a shared engine (a Meilisearch server serves every
 * jest worker), so parallel files never see each other's documents.
 */
export function prefixedSearchEngine(inner: SearchEngine, prefix: string): SearchEngine {
  const name = (index: string) => `${prefix}_${index}`;
  return {
    name: inner.name,
    ensureIndex: (index, settings) => inner.ensureIndex(name(index), settings),
    upsertDocuments: (index, documents) => inner.upsertDocuments(name(index), documents),
    deleteDocuments: (index, ids) => inner.deleteDocuments(name(index), ids),
    getDocuments: (index, ids) => inner.getDocuments(name(index), ids),
    iterateVersions: (index, field) => inner.iterateVersions(name(index), field),
    search: (index, request) => inner.search(name(index), request),
    searchByVector: (index, query) => inner.searchByVector(name(index), query),
    getVectors: (index, ids) => inner.getVectors(name(index), ids),
    swapIndexes: (a, b) => inner.swapIndexes(name(a), name(b)),
    deleteIndex: (index) => inner.deleteIndex(name(index)),
    health: () => inner.health(),
  };
}
