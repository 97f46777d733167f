import { AppError } from '../shared/errors';
import type { Filter } from './filter';

/** A flat document as the engine stores it; the primary key holds a string id. */
export type SearchDocument = Record<string, unknown>;

/** Typo tolerance in Meilisearch's terms, so both adapters read the same knobs. */
export interface TypoToleranceSettings {
  enabled: boolean;
  /** Shorter words must match exactly: typos on short words mostly find noise. */
  minWordSizeForOneTypo: number;
  minWordSizeForTwoTypos: number;
}

/**
 * Everything an index needs before documents arrive. Kept engine-neutral so the indexer
 * declares it once and every adapter applies it.
 */
export interface IndexSettings {
  primaryKey: string;
  /** Most important first: earlier attributes weigh more in ranking. */
  searchableAttributes: string[];
  /** Attributes usable in filters; facets are requested from these. */
  filterableAttributes: string[];
  sortableAttributes: string[];
  /** Each key is treated as equivalent to every word in its list (one direction). */
  synonyms: Record<string, string[]>;
  stopWords: string[];
  typoTolerance: TypoToleranceSettings;
  /** Caps the number of values returned per facet, as Meilisearch's `faceting.maxValuesPerFacet`. */
  maxValuesPerFacet: number;
  /** Width of the vectors documents carry under VECTOR_FIELD; absent for an index without vectors. */
  vectorDimensions?: number;
}

/**
 * A document may carry a unit vector (Float32Array, or null for "none yet") under this field.
 * Engines keep it apart from the document: it is never returned by getDocuments or search.
 */
export const VECTOR_FIELD = '_vector';

/** Nearest neighbours by cosine among documents that have a vector and pass the filter. */
export interface VectorQuery {
  vector: Float32Array;
  filter?: Filter;
  limit: number;
}

/** One neighbour; `similarity` is the cosine, -1..1. */
export interface VectorHit {
  id: string;
  similarity: number;
}

/** Sort order for one sortable attribute; relevance breaks ties. */
export interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
}

/** Marks matched words in the named fields so the UI can show why a result matched. */
export interface HighlightSpec {
  fields: string[];
  preTag: string;
  postTag: string;
}

/** One search request, engine-neutral. */
export interface SearchRequest {
  query: string;
  filter?: Filter;
  facets?: string[];
  sort?: SortSpec[];
  offset?: number;
  limit?: number;
  highlight?: HighlightSpec;
}

/** One result. `score` is in 0..1 and only comparable within one response. */
export interface SearchHit<D extends SearchDocument = SearchDocument> {
  id: string;
  document: D;
  score: number;
  /** Field name → field text with matched words wrapped in the requested tags. */
  highlights?: Record<string, string>;
}

/** Facet attribute → value → number of matching documents (after filtering). */
export type FacetDistribution = Record<string, Record<string, number>>;

/** The answer to a SearchRequest. */
export interface SearchResponse<D extends SearchDocument = SearchDocument> {
  hits: SearchHit<D>[];
  facetDistribution: FacetDistribution;
  estimatedTotalHits: number;
  processingTimeMs: number;
}

/** The id and version of one stored document, for drift checks against the database. */
export interface DocumentVersion {
  id: string;
  version: unknown;
}

/** Health as seen by readiness probes. */
export interface SearchHealth {
  ok: boolean;
  engine: string;
  detail?: string;
}

/**
 * The search engine behind Pilotline's matcher. Adapters (embedded, Meilisearch) implement
 * it; a shared contract suite holds them to the same behaviour. Writes resolve once the
 * change is visible to searches.
 */
export interface SearchEngine {
  /** Names the engine in logs and benchmark output. */
  readonly name: string;
  /** Creates the index if missing and applies settings; idempotent, so boot can always call it. */
  ensureIndex(index: string, settings: IndexSettings): Promise<void>;
  /** Inserts or wholly replaces documents by primary key. */
  upsertDocuments(index: string, documents: SearchDocument[]): Promise<void>;
  deleteDocuments(index: string, ids: string[]): Promise<void>;
  /** Fetches stored documents by id; missing ids are simply absent from the result. */
  getDocuments(index: string, ids: string[]): Promise<SearchDocument[]>;
  /** Streams every stored id with its version field, so a drift check can compare with the database. */
  iterateVersions(index: string, versionField: string): AsyncIterable<DocumentVersion>;
  search<D extends SearchDocument = SearchDocument>(index: string, request: SearchRequest): Promise<SearchResponse<D>>;
  /** Exact (embedded) or approximate (Meilisearch) k-NN over the stored vectors, best first. */
  searchByVector(index: string, query: VectorQuery): Promise<VectorHit[]>;
  /** Stored vectors by id, for comparing known documents (the matcher); ids without one are absent. */
  getVectors(index: string, ids: string[]): Promise<Map<string, Float32Array>>;
  /** Exchanges two indexes' contents atomically: the way a full reindex goes live without downtime. */
  swapIndexes(a: string, b: string): Promise<void>;
  /** Deletes an index; deleting a missing index is not an error. */
  deleteIndex(index: string): Promise<void>;
  health(): Promise<SearchHealth>;
}

/** Thrown when the engine cannot be reached or answer; maps to HTTP 503 / `SEARCH_UNAVAILABLE`. */
export class SearchUnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('SEARCH_UNAVAILABLE', message);
    this.name = 'SearchUnavailableError';
    if (cause !== undefined) this.cause = cause;
  }
}

/** Sensible defaults for a new index; callers override what their documents need. */
export function defineIndexSettings(settings: Partial<IndexSettings> & Pick<IndexSettings, 'searchableAttributes'>): IndexSettings {
  return {
    primaryKey: 'id',
    filterableAttributes: [],
    sortableAttributes: [],
    synonyms: {},
    stopWords: [],
    typoTolerance: { enabled: true, minWordSizeForOneTypo: 5, minWordSizeForTwoTypos: 9 },
    maxValuesPerFacet: 100,
    ...settings,
  };
}
