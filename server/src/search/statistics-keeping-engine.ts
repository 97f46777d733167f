import { CorpusStatistics, profileText, type TextProfile } from './lexical-relevance';
import type { DocumentVersion, IndexSettings, SearchDocument, SearchEngine, SearchRequest, SearchResponse, VectorQuery } from './search-engine';

/** One index's BM25 statistics and how its documents read as text. */
export interface IndexCorpus {
  statistics: CorpusStatistics;
  /** The document's searchable fields as text, in field order. */
  texts(document: SearchDocument): string[];
  profile(document: SearchDocument): TextProfile;
  primaryKey: string;
}

/** An engine that can say, per index, what its corpus looks like to our own BM25. */
export interface KeepsCorpusStatistics {
  corpusOf(index: string): IndexCorpus | undefined;
}

const SEED_PAGE = 1000;
/** Recent reads remembered per index: the indexer's read before its write, and a few searches' in between. */
const REMEMBERED_READS = 8;

/** One getDocuments answer, valid while no write has landed on its index since the read began. */
interface RememberedRead {
  writesBefore: number;
  documents: Map<string, SearchDocument | undefined>;
}

/**
 * Wraps any engine and keeps, per index, the document frequencies and average length of its
 * searchable text, so hybrid search ranks the keyword leg with our own BM25 the same way on every
 * engine (Meilisearch's own ranking of long queries is weak). Every write through it adjusts the
 * counts: a replaced or deleted document's old text is taken out. That old text usually comes
 * from the read just before the write (the indexer reads the engine's copies to compare versions),
 * so it is read again only when no such read is still valid. An index that already holds
 * documents when first ensured (a persistent engine after a restart) is read once to seed the
 * counts; `refreshStatistics` recounts from the engine, for when other processes write it too
 * (a separate indexer, or several app instances each indexing under leases).
 */
export class StatisticsKeepingEngine implements SearchEngine, KeepsCorpusStatistics {
  readonly name: string;
  private readonly corpora = new Map<string, IndexCorpus>();
  /** Writes landed per index, so a read that overlapped one is never taken for the current state. */
  private readonly writes = new Map<string, number>();
  private readonly reads = new Map<string, RememberedRead[]>();

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
    const texts = (document: SearchDocument) => fields.map((field) => searchableText(document[field]));
    const profile = (document: SearchDocument) => profileText(texts(document));
    const { primaryKey } = settings;
    const corpus = { statistics: known?.statistics ?? new CorpusStatistics(), texts, profile, primaryKey };
    if (!known) corpus.statistics = await this.countAll(index, corpus);
    this.corpora.set(index, corpus);
  }

  /**
   * Recounts every index's statistics from what the engine holds now, and swaps the new counts in
   * at once: searches meanwhile rank with the old ones.
   */
  async refreshStatistics(): Promise<void> {
    for (const [index, corpus] of this.corpora) {
      const writesBefore = this.writesTo(index);
      const statistics = await this.countAll(index, corpus);
      // A write through this wrapper during the count may be missing from it; the next refresh has it.
      if (this.corpora.get(index) === corpus && this.writesTo(index) === writesBefore) corpus.statistics = statistics;
    }
  }

  async upsertDocuments(index: string, documents: SearchDocument[]): Promise<void> {
    const corpus = this.corpora.get(index);
    const replaced = corpus ? await this.currentCopies(index, documents.map((document) => String(document[corpus.primaryKey]))) : [];
    await this.wrote(index, this.inner.upsertDocuments(index, documents));
    if (!corpus) return;
    for (const old of replaced) corpus.statistics.remove(corpus.profile(old));
    // The last copy of an id wins in the engine, so only it counts here.
    const latest = new Map(documents.map((document) => [String(document[corpus.primaryKey]), document]));
    for (const document of latest.values()) corpus.statistics.add(corpus.profile(document));
  }

  async deleteDocuments(index: string, ids: string[]): Promise<void> {
    const corpus = this.corpora.get(index);
    const removed = corpus ? await this.currentCopies(index, ids) : [];
    await this.wrote(index, this.inner.deleteDocuments(index, ids));
    for (const old of removed) corpus?.statistics.remove(corpus.profile(old));
  }

  async swapIndexes(a: string, b: string): Promise<void> {
    await this.wrote(a, this.wrote(b, this.inner.swapIndexes(a, b)));
    const first = this.corpora.get(a);
    const second = this.corpora.get(b);
    if (second) this.corpora.set(a, second);
    else this.corpora.delete(a);
    if (first) this.corpora.set(b, first);
    else this.corpora.delete(b);
  }

  async deleteIndex(index: string): Promise<void> {
    await this.wrote(index, this.inner.deleteIndex(index));
    this.corpora.delete(index);
  }

  async getDocuments(index: string, ids: string[]): Promise<SearchDocument[]> {
    const writesBefore = this.writesTo(index);
    const documents = await this.inner.getDocuments(index, ids);
    const corpus = this.corpora.get(index);
    if (corpus && this.writesTo(index) === writesBefore) {
      const read: RememberedRead = { writesBefore, documents: new Map(ids.map((id) => [id, undefined])) };
      for (const document of documents) read.documents.set(String(document[corpus.primaryKey]), document);
      const remembered = [read, ...(this.reads.get(index) ?? []).filter((earlier) => earlier.writesBefore === writesBefore)];
      this.reads.set(index, remembered.slice(0, REMEMBERED_READS));
    }
    return documents;
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

  private writesTo(index: string): number {
    return this.writes.get(index) ?? 0;
  }

  /** Counts a write once it has landed (or failed, when what it changed is unknown): earlier reads no longer describe the index. */
  private async wrote<T>(index: string, write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.writes.set(index, this.writesTo(index) + 1);
      this.reads.delete(index);
    }
  }

  /** The engine's copies of these ids as they stand, from a still-valid recent read where one saw them. */
  private async currentCopies(index: string, ids: string[]): Promise<SearchDocument[]> {
    const remembered = (this.reads.get(index) ?? []).filter((read) => read.writesBefore === this.writesTo(index));
    const copies: SearchDocument[] = [];
    const unseen: string[] = [];
    for (const id of new Set(ids)) {
      const read = remembered.find((candidate) => candidate.documents.has(id));
      if (!read) unseen.push(id);
      else {
        const copy = read.documents.get(id);
        if (copy) copies.push(copy);
      }
    }
    if (unseen.length > 0) copies.push(...(await this.inner.getDocuments(index, unseen)));
    return copies;
  }

  /** Statistics counted afresh over every document the index holds. */
  private async countAll(index: string, corpus: IndexCorpus): Promise<CorpusStatistics> {
    const statistics = new CorpusStatistics();
    const ids: string[] = [];
    for await (const { id } of this.inner.iterateVersions(index, corpus.primaryKey)) ids.push(id);
    for (let start = 0; start < ids.length; start += SEED_PAGE) {
      for (const document of await this.inner.getDocuments(index, ids.slice(start, start + SEED_PAGE))) statistics.add(corpus.profile(document));
    }
    return statistics;
  }
}

/** A searchable field as text: strings as they are, lists of strings joined, anything else skipped. */
function searchableText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').join(' ');
  return '';
}
