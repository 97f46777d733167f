import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Hit,
  type Index,
  type Settings,
  type Task,
} from 'meilisearch';
import { renderMeiliFilter } from '../../filter';
import { createNodeHttpClient } from './node-http-client';
import {
  SearchUnavailableError,
  type DocumentVersion,
  type IndexSettings,
  type SearchDocument,
  type SearchEngine,
  type SearchHealth,
  type SearchHit,
  type SearchRequest,
  type SearchResponse,
  type VectorHit,
  type VectorQuery,
  VECTOR_FIELD,
} from '../../search-engine';

/** Connection options. User-facing searches use the search key; writes and settings need the admin key. */
export interface MeilisearchEngineOptions {
  host: string;
  /** A key with write rights (the master key in development). Without it the engine is read-only. */
  adminKey?: string;
  /** A key limited to search; used for every search when given. */
  searchKey?: string;
  /** How long to wait for an indexing task before treating the engine as unavailable. */
  taskTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * Prepended to every index name, so several deployments or test runs can share one server
   * without seeing each other's indexes. Callers keep using the plain names.
   */
  indexPrefix?: string;
}

/** Sort first so an explicit sort orders results fully, as in the embedded engine; relevance breaks ties. */
const RANKING_RULES = ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'];
const PAGE_SIZE = 1000;
/** The one userProvided embedder Pilotline declares; vectors come from our own model, never Meilisearch's. */
const EMBEDDER = 'pilotline';

function toMeiliSettings(settings: IndexSettings): Settings {
  return {
    searchableAttributes: settings.searchableAttributes,
    filterableAttributes: settings.filterableAttributes,
    sortableAttributes: settings.sortableAttributes,
    synonyms: settings.synonyms,
    stopWords: settings.stopWords,
    rankingRules: RANKING_RULES,
    typoTolerance: {
      enabled: settings.typoTolerance.enabled,
      minWordSizeForTypos: {
        oneTypo: settings.typoTolerance.minWordSizeForOneTypo,
        twoTypos: settings.typoTolerance.minWordSizeForTwoTypos,
      },
    },
    faceting: { maxValuesPerFacet: settings.maxValuesPerFacet },
    ...(settings.vectorDimensions ? { embedders: { [EMBEDDER]: { source: 'userProvided', dimensions: settings.vectorDimensions } } } : {}),
  };
}

/**
 * Our vector field in Meilisearch's shape. An index with a userProvided embedder rejects a document
 * without `_vectors.<embedder>`, so "no vector yet" is sent as an explicit null.
 */
function toMeiliDocument(document: SearchDocument, hasEmbedder: boolean): SearchDocument {
  const { [VECTOR_FIELD]: vector, ...rest } = document;
  if (!hasEmbedder) return rest;
  return { ...rest, _vectors: { [EMBEDDER]: vector instanceof Float32Array ? Array.from(vector) : null } };
}

/** Meilisearch reports vector similarity as (1 + cosine) / 2; documents without a vector come back with null. */
function cosineFromDetails(details: unknown): number | null {
  const similarity = (details as { vectorSort?: { similarity?: number | null } } | undefined)?.vectorSort?.similarity;
  return typeof similarity === 'number' ? similarity * 2 - 1 : null;
}

/**
 * The client wraps whatever a custom httpClient throws in MeilisearchRequestError; an API error
 * reply is still an API error, so it is unwrapped before deciding what failed.
 */
function unwrapApiError(error: unknown): unknown {
  return error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchApiError ? error.cause : error;
}

function isUnavailable(error: unknown): boolean {
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) return true;
  if (error instanceof MeilisearchTaskTimeOutError) return true;
  return error instanceof MeilisearchApiError && error.response.status >= 500;
}

/** `_formatted` values may be arrays for array fields; the interface promises one string per field. */
function formattedText(value: unknown): string {
  if (Array.isArray(value)) return value.map(formattedText).join(' \n ');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Raised when an indexing task fails for a reason other than unavailability (bad settings, bad documents). */
export class MeilisearchTaskError extends Error {
  constructor(
    readonly taskCode: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'MeilisearchTaskError';
  }
}

/**
 * The production search engine. Every write waits for its task, so a resolved promise
 * means the change is searchable: the indexer and the contract suite rely on that.
 */
export class MeilisearchSearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  private readonly admin: Meilisearch | undefined;
  private readonly searcher: Meilisearch;
  private readonly primaryKeys = new Map<string, string>();
  private readonly embedders = new Map<string, boolean>();
  private readonly prefix: string;

  constructor(private readonly options: MeilisearchEngineOptions) {
    const timeout = options.requestTimeoutMs ?? 10_000;
    const httpClient = createNodeHttpClient();
    this.prefix = options.indexPrefix ?? '';
    this.admin = options.adminKey ? new Meilisearch({ host: options.host, apiKey: options.adminKey, timeout, httpClient }) : undefined;
    const searchKey = options.searchKey ?? options.adminKey;
    this.searcher = new Meilisearch({ host: options.host, ...(searchKey ? { apiKey: searchKey } : {}), timeout, httpClient });
  }

  async ensureIndex(name: string, settings: IndexSettings): Promise<void> {
    const admin = this.requireAdmin();
    await this.call(async () => {
      const created = await this.finished(admin.createIndex(this.uid(name), { primaryKey: settings.primaryKey }));
      if (created.status === 'failed' && created.error?.code !== 'index_already_exists') {
        throw new MeilisearchTaskError(created.error?.code, created.error?.message ?? 'Index creation failed');
      }
      await this.awaitTask(admin.index(this.uid(name)).updateSettings(toMeiliSettings(settings)));
    });
    this.primaryKeys.set(name, settings.primaryKey);
    this.embedders.delete(name);
  }

  async upsertDocuments(name: string, documents: SearchDocument[]): Promise<void> {
    const index = this.requireAdmin().index(this.uid(name));
    const primaryKey = await this.primaryKey(name);
    const hasEmbedder = await this.hasEmbedder(name);
    for (let start = 0; start < documents.length; start += PAGE_SIZE) {
      const batch = documents.slice(start, start + PAGE_SIZE).map((document) => toMeiliDocument(document, hasEmbedder));
      await this.call(() => this.awaitTask(index.addDocuments(batch, { primaryKey })));
    }
  }

  async deleteDocuments(name: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const index = this.requireAdmin().index(this.uid(name));
    await this.call(() => this.awaitTask(index.deleteDocuments(ids)));
  }

  async getDocuments(name: string, ids: string[]): Promise<SearchDocument[]> {
    if (ids.length === 0) return [];
    const index = this.readIndex(name);
    const documents: SearchDocument[] = [];
    for (let start = 0; start < ids.length; start += PAGE_SIZE) {
      const batch = ids.slice(start, start + PAGE_SIZE);
      const page = await this.call(() => index.getDocuments({ ids: batch, limit: batch.length }));
      documents.push(...page.results);
    }
    return documents;
  }

  async *iterateVersions(name: string, versionField: string): AsyncIterable<DocumentVersion> {
    const index = this.readIndex(name);
    const primaryKey = await this.primaryKey(name);
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.call(() => index.getDocuments({ fields: [primaryKey, versionField], offset, limit: PAGE_SIZE }));
      for (const document of page.results) yield { id: String(document[primaryKey]), version: document[versionField] };
      if (page.results.length < PAGE_SIZE) return;
    }
  }

  async search<D extends SearchDocument = SearchDocument>(name: string, request: SearchRequest): Promise<SearchResponse<D>> {
    const primaryKey = await this.primaryKey(name);
    const index = this.searcher.index(this.uid(name));
    const response = await this.call(() =>
      index.search(request.query, {
        ...(request.filter ? { filter: renderMeiliFilter(request.filter) } : {}),
        ...(request.facets?.length ? { facets: request.facets } : {}),
        ...(request.sort?.length ? { sort: request.sort.map(({ field, direction }) => `${field}:${direction}`) } : {}),
        offset: request.offset ?? 0,
        limit: request.limit ?? 20,
        ...(request.highlight
          ? {
              attributesToHighlight: request.highlight.fields,
              highlightPreTag: request.highlight.preTag,
              highlightPostTag: request.highlight.postTag,
            }
          : {}),
        showRankingScore: true,
      }),
    );
    const highlight = request.highlight;
    const hits = response.hits.map((hit: Hit): SearchHit<D> => {
      const { _formatted: formatted, _rankingScore: score, ...document } = hit;
      const result: SearchHit<D> = { id: String(document[primaryKey]), document: document as D, score: score ?? 0 };
      if (highlight) {
        result.highlights = Object.fromEntries(highlight.fields.map((field) => [field, formattedText(formatted?.[field])]));
      }
      return result;
    });
    return {
      hits,
      facetDistribution: response.facetDistribution ?? {},
      estimatedTotalHits: response.estimatedTotalHits ?? hits.length,
      processingTimeMs: response.processingTimeMs,
    };
  }

  async searchByVector(name: string, query: VectorQuery): Promise<VectorHit[]> {
    const primaryKey = await this.primaryKey(name);
    const response = await this.call(() =>
      this.searcher.index(this.uid(name)).search('', {
        vector: Array.from(query.vector),
        hybrid: { embedder: EMBEDDER, semanticRatio: 1 },
        ...(query.filter ? { filter: renderMeiliFilter(query.filter) } : {}),
        limit: query.limit,
        attributesToRetrieve: [primaryKey],
        showRankingScoreDetails: true,
      }),
    );
    return response.hits.flatMap((hit: Hit) => {
      const similarity = cosineFromDetails(hit._rankingScoreDetails);
      return similarity === null ? [] : [{ id: String(hit[primaryKey]), similarity }];
    });
  }

  async getVectors(name: string, ids: string[]): Promise<Map<string, Float32Array>> {
    const vectors = new Map<string, Float32Array>();
    if (ids.length === 0) return vectors;
    const primaryKey = await this.primaryKey(name);
    const index = this.readIndex(name);
    for (let start = 0; start < ids.length; start += PAGE_SIZE) {
      const batch = ids.slice(start, start + PAGE_SIZE);
      const page = await this.call(() => index.getDocuments({ ids: batch, limit: batch.length, fields: [primaryKey], retrieveVectors: true }));
      for (const document of page.results) {
        const embeddings = (document._vectors as Record<string, { embeddings?: number[][] }> | undefined)?.[EMBEDDER]?.embeddings;
        const first = embeddings?.[0];
        if (first && first.length > 0) vectors.set(String(document[primaryKey]), Float32Array.from(first));
      }
    }
    return vectors;
  }

  async swapIndexes(a: string, b: string): Promise<void> {
    const admin = this.requireAdmin();
    await this.call(() => this.awaitTask(admin.swapIndexes([{ indexes: [this.uid(a), this.uid(b)], rename: false }])));
    const [keyA, keyB] = [this.primaryKeys.get(a), this.primaryKeys.get(b)];
    if (keyB) this.primaryKeys.set(a, keyB);
    if (keyA) this.primaryKeys.set(b, keyA);
    this.embedders.delete(a);
    this.embedders.delete(b);
  }

  async deleteIndex(name: string): Promise<void> {
    const admin = this.requireAdmin();
    await this.call(async () => {
      const task = await this.finished(admin.deleteIndex(this.uid(name)));
      if (task.status === 'failed' && task.error?.code !== 'index_not_found') {
        throw new MeilisearchTaskError(task.error?.code, task.error?.message ?? 'Index deletion failed');
      }
    });
    this.primaryKeys.delete(name);
  }

  async health(): Promise<SearchHealth> {
    try {
      await this.searcher.health();
      return { ok: true, engine: this.name };
    } catch (error) {
      return { ok: false, engine: this.name, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Polls the task until it ends. The client's own waitTask adds an abort listener per poll to
   * one signal and never removes them, so a slow task warns of a leak; polling here does not.
   * Tasks on a nearby server end within milliseconds, hence the short interval.
   */
  private async finished(enqueued: EnqueuedTaskPromise): Promise<Task> {
    const { taskUid } = await enqueued;
    const timeout = this.options.taskTimeoutMs ?? 30_000;
    const deadline = Date.now() + timeout;
    for (;;) {
      const task = await this.requireAdmin().tasks.getTask(taskUid);
      if (task.status === 'succeeded' || task.status === 'failed' || task.status === 'canceled') return task;
      if (Date.now() > deadline) throw new MeilisearchTaskTimeOutError(taskUid, timeout);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async awaitTask(enqueued: EnqueuedTaskPromise): Promise<void> {
    const task = await this.finished(enqueued);
    if (task.status !== 'succeeded') {
      throw new MeilisearchTaskError(task.error?.code, task.error?.message ?? `Meilisearch task ${task.uid} ${task.status}`);
    }
  }

  /** Translates transport failures into SearchUnavailableError; other errors are bugs and pass through. */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (caught) {
      const error = unwrapApiError(caught);
      if (isUnavailable(error)) throw new SearchUnavailableError('The search engine is unavailable.', error);
      throw error;
    }
  }

  /**
   * The primary key names ids in hits; learned from ensureIndex, else read once with the
   * admin key. A search key may not read index metadata, so a search-only engine assumes "id".
   */
  private async primaryKey(name: string): Promise<string> {
    const known = this.primaryKeys.get(name);
    if (known) return known;
    const admin = this.admin;
    if (!admin) return 'id';
    const info = await this.call(() => admin.getIndex(this.uid(name)));
    const primaryKey = info.primaryKey ?? 'id';
    this.primaryKeys.set(name, primaryKey);
    return primaryKey;
  }

  /** Whether the index declares our embedder, read from the server once: documents must match it. */
  private async hasEmbedder(name: string): Promise<boolean> {
    const known = this.embedders.get(name);
    if (known !== undefined) return known;
    const embedders = await this.call(() => this.requireAdmin().index(this.uid(name)).getEmbedders());
    const has = embedders !== null && embedders !== undefined && EMBEDDER in embedders;
    this.embedders.set(name, has);
    return has;
  }

  private readIndex(name: string): Index<SearchDocument> {
    return (this.admin ?? this.searcher).index<SearchDocument>(this.uid(name));
  }

  private uid(name: string): string {
    return `${this.prefix}${name}`;
  }

  private requireAdmin(): Meilisearch {
    if (!this.admin) throw new Error('This Meilisearch engine has only a search key; writes need an admin key.');
    return this.admin;
  }
}
