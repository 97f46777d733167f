import { CorpusStatistics, profileText, type TextProfile } from './lexical-relevance';
import type { DocumentVersion, IndexSettings, SearchDocument, SearchEngine, SearchRequest, SearchResponse, VectorQuery } from './search-engine';

/** One index's BM25 statistics and how its documents read as text. */
export interface IndexCorpus {
  statistics: CorpusStatistics;
  profile(document: SearchDocument): TextProfile;
  primaryKey: string;
}

/** An engine that can say, per index, what its corpus looks like to our own BM25. */
export interface KeepsCorpusStatistics {
  corpusOf(index: string): IndexCorpus | undefined;
}

const SEED_PAGE = 1000;

/**
 * Wraps any engine and keeps, per index, the document frequencies and average length of its
 * searchable text, so hybrid search ranks the keyword leg with our own BM25 the same way on every
 * engine (Meilisearch's own ranking of long queries is weak). Every write through it adjusts the
 * counts: a replaced or deleted document's old text is read back first and taken out. An index
 * that already holds documents when first ensured (a persistent engine after a restart) is read
 * once to seed the counts. Writes made by another process (a separate indexer) are not seen
 * until the next start: document frequencies drift slowly, and only ranking depends on them.
 */
export class StatisticsKeepingEngine implements SearchEngine, KeepsCorpusStatistics {
  readonly name: string;
  private readonly corpora = new Map<string, IndexCorpus>();

  constructor(private readonly inner: SearchEngine) {
    this.name = inner.name;
  }

  corpusOf(index: string): IndexCorpus | undefined {
    return this.corpora.get(index);
  }

  async ensureIndex(index: string, settings: IndexSettings): Promise<void> {
    await this.inner.ensureIndex(index, settings);
    const known = this.corpora.get(index);
    const fields = settings.searchableAttributes;
    const profile = (document: SearchDocument) => profileText(fields.map((field) => searchableText(document[field])));
    const { primaryKey } = settings;
    if (known) {
      this.corpora.set(index, { statistics: known.statistics, profile, primaryKey });
      return;
    }
    const statistics = new CorpusStatistics();
    const ids: string[] = [];
    for await (const { id } of this.inner.iterateVersions(index, primaryKey)) ids.push(id);
    for (let start = 0; start < ids.length; start += SEED_PAGE) {
      for (const document of await this.inner.getDocuments(index, ids.slice(start, start + SEED_PAGE))) statistics.add(profile(document));
    }
    this.corpora.set(index, { statistics, profile, primaryKey });
  }

  async upsertDocuments(index: string, documents: SearchDocument[]): Promise<void> {
    const corpus = this.corpora.get(index);
    const replaced = corpus ? await this.inner.getDocuments(index, documents.map((document) => String(document[corpus.primaryKey]))) : [];
    await this.inner.upsertDocuments(index, documents);
    if (!corpus) return;
    for (const old of replaced) corpus.statistics.remove(corpus.profile(old));
    // The last copy of an id wins in the engine, so only it counts here.
    const latest = new Map(documents.map((document) => [String(document[corpus.primaryKey]), document]));
    for (const document of latest.values()) corpus.statistics.add(corpus.profile(document));
  }

  async deleteDocuments(index: string, ids: string[]): Promise<void> {
    const corpus = this.corpora.get(index);
    const removed = corpus ? await this.inner.getDocuments(index, ids) : [];
    await this.inner.deleteDocuments(index, ids);
    for (const old of removed) corpus?.statistics.remove(corpus.profile(old));
  }

  async swapIndexes(a: string, b: string): Promise<void> {
    await this.inner.swapIndexes(a, b);
    const first = this.corpora.get(a);
    const second = this.corpora.get(b);
    if (second) this.corpora.set(a, second);
    else this.corpora.delete(a);
    if (first) this.corpora.set(b, first);
    else this.corpora.delete(b);
  }

  async deleteIndex(index: string): Promise<void> {
    await this.inner.deleteIndex(index);
    this.corpora.delete(index);
  }

  getDocuments(index: string, ids: string[]): Promise<SearchDocument[]> {
    return this.inner.getDocuments(index, ids);
  }

  iterateVersions(index: string, versionField: string): AsyncIterable<DocumentVersion> {
    return this.inner.iterateVersions(index, versionField);
  }

  search<D extends SearchDocument = SearchDocument>(index: string, request: SearchRequest): Promise<SearchResponse<D>> {
    return this.inner.search<D>(index, request);
  }

  searchByVector(index: string, query: VectorQuery) {
    return this.inner.searchByVector(index, query);
  }

  getVectors(index: string, ids: string[]) {
    return this.inner.getVectors(index, ids);
  }

  health() {
    return this.inner.health();
  }
}

/** A searchable field as text: strings as they are, lists of strings joined, anything else skipped. */
function searchableText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').join(' ');
  return '';
}
