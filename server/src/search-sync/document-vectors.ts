import { performance } from 'node:perf_hooks';
import type { Embedder } from '../search/embedder';
import { VECTOR_FIELD, type SearchDocument } from '../search/search-engine';
import { cachedEmbeddings, embeddingKey, storeEmbeddings } from './embedding-cache';
import type { SearchSource, TrackedRecord } from './search-source';

/** Texts embedded per call: small enough that a query waits little behind indexing. */
const EMBED_CHUNK = 8;

/** The sources as the engine must see them with this embedder: sources with embedding text get vectors. */
export function withVectorSettings(sources: SearchSource<TrackedRecord>[], embedder: Embedder | undefined): SearchSource<TrackedRecord>[] {
  if (!embedder) return sources;
  return sources.map((source) =>
    source.embeddingText ? { ...source, settings: { ...source.settings, vectorDimensions: embedder.dimensions } } : source,
  );
}

/**
 * Gives search documents their vectors: from the database cache when the text has been embedded
 * before under this model, else from the embedder, within a time budget so one batch of long
 * texts cannot hold up the indexing of everything behind it.
 */
export class DocumentVectors {
  constructor(readonly embedder: Embedder) {}

  /** Sets each document's vector from the cache (null where there is none) and returns those still without one. */
  async attachCached(source: SearchSource<TrackedRecord>, documents: SearchDocument[]): Promise<SearchDocument[]> {
    const embeddingText = source.embeddingText;
    if (!embeddingText) return [];
    const keys = documents.map((document) => embeddingKey(this.embedder.modelId, embeddingText(document)));
    const cached = await cachedEmbeddings(keys);
    const lacking: SearchDocument[] = [];
    documents.forEach((document, index) => {
      const vector = cached.get(keys[index] as string) ?? null;
      document[VECTOR_FIELD] = vector;
      if (!vector) lacking.push(document);
    });
    return lacking;
  }

  /**
   * Embeds documents in small chunks until the budget is spent, caches the vectors and sets them
   * on the documents; returns the documents it finished. An embedder failure propagates.
   */
  async embed(source: SearchSource<TrackedRecord>, documents: SearchDocument[], budgetMs: number): Promise<SearchDocument[]> {
    const embeddingText = source.embeddingText;
    if (!embeddingText) return [];
    const started = performance.now();
    const done: SearchDocument[] = [];
    for (let start = 0; start < documents.length && performance.now() - started < budgetMs; start += EMBED_CHUNK) {
      const chunk = documents.slice(start, start + EMBED_CHUNK);
      const texts = chunk.map((document) => embeddingText(document));
      const vectors = await this.embedder.embed(texts, { priority: 'document' });
      await storeEmbeddings(
        this.embedder.modelId,
        chunk.map((_document, index) => ({ key: embeddingKey(this.embedder.modelId, texts[index] as string), vector: vectors[index] as Float32Array })),
      );
      chunk.forEach((document, index) => {
        document[VECTOR_FIELD] = vectors[index] as Float32Array;
      });
      done.push(...chunk);
    }
    return done;
  }
}
