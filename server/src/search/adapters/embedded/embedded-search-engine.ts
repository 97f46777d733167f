import { performance } from 'node:perf_hooks';
import type {
  DocumentVersion,
  FacetDistribution,
  IndexSettings,
  SearchDocument,
  SearchEngine,
  SearchHealth,
  SearchHit,
  SearchRequest,
  SearchResponse,
  SortSpec,
  VectorHit,
  VectorQuery,
} from '../../search-engine';
import { VECTOR_FIELD } from '../../search-engine';
import { filterFields, FilterError } from '../../filter';
import { Bm25Index, type IndexedWord } from './bm25-index';
import { matchesFilter, valuesAt } from './filter-evaluator';
import { highlightText } from './highlighter';
import { expandWithFeedback, planQuery, synonymMap, type ExpansionWeights, type FeedbackSettings, type QueryPlan } from './query-planner';
import { TextAnalyzer } from './text-analyzer';
import { VectorIndex } from './vector-index';

/** Ranking knobs of the embedded engine; not part of IndexSettings because Meilisearch has no equivalents. */
export interface EmbeddedRelevanceOptions {
  k1: number;
  b: number;
  /** Field weight of the n-th searchable attribute is decay^n: earlier attributes count more. */
  attributeWeightDecay: number;
  expansion: ExpansionWeights;
  /** Pseudo-relevance feedback; it only re-ranks documents the query already matched. */
  feedback: FeedbackSettings | null;
}

/**
 * The production ranking settings: textbook BM25 values, judged on the seeds' labelled
 * development set and SciFact together (`npm run relevance -- --beir DIR`), each beside a plain
 * BM25 baseline. Defaults: dev set nDCG@10 0.871 (baseline 0.861), SciFact 0.696 (baseline
 * 0.665). Every fitted alternative tried moved one set up and the other down by under 0.01
 * (k1 0.9 / b 0.6: 0.865 / 0.698; title weight 0.7: 0.864 / 0.698; typo weight 0.15: 0.871 /
 * 0.695), so none is taken: fitting would buy nothing that generalises.
 */
export const PRODUCTION_RELEVANCE: EmbeddedRelevanceOptions = {
  k1: 1.2,
  b: 0.75,
  attributeWeightDecay: 0.5,
  expansion: { synonym: 0.8, typo: 0.3, prefix: 0.5, maxPrefixExpansions: 30 },
  // RM3 measured no better on SciFact (0.6948 at weight 0.8, 0.6375 at 0.5) and doubles latency: off.
  feedback: null,
};

interface StoredDocument {
  id: string;
  docNumber: number;
  document: SearchDocument;
}

/** One index: its settings, analyser, inverted index and stored documents. */
class EmbeddedIndex {
  readonly analyzer: TextAnalyzer;
  readonly bm25: Bm25Index;
  readonly synonyms: Map<string, string[]>;
  readonly byId = new Map<string, StoredDocument>();
  readonly byNumber = new Map<number, StoredDocument>();
  readonly vectors: VectorIndex | undefined;
  private nextDocNumber = 0;
  /** Numbers of deleted documents, reused so the index's dense arrays stay as small as the collection. */
  private readonly freeDocNumbers: number[] = [];

  constructor(
    readonly settings: IndexSettings,
    relevance: EmbeddedRelevanceOptions,
  ) {
    this.analyzer = new TextAnalyzer(settings.stopWords);
    this.synonyms = synonymMap(settings.synonyms);
    this.vectors = settings.vectorDimensions ? new VectorIndex(settings.vectorDimensions) : undefined;
    this.bm25 = new Bm25Index({
      k1: relevance.k1,
      b: relevance.b,
      fieldWeights: settings.searchableAttributes.map((_, position) => relevance.attributeWeightDecay ** position),
    });
  }

  upsert(withVector: SearchDocument): void {
    const { [VECTOR_FIELD]: vector, ...document } = withVector;
    const id = documentId(document, this.settings.primaryKey);
    const docNumber = this.byId.get(id)?.docNumber ?? this.freeDocNumbers.pop() ?? this.nextDocNumber++;
    // An upsert replaces the whole document, its vector included, as in Meilisearch.
    if (vector instanceof Float32Array) this.vectors?.set(docNumber, vector);
    else this.vectors?.delete(docNumber);
    const stored: StoredDocument = { id, docNumber, document: structuredClone(document) };
    this.byId.set(id, stored);
    this.byNumber.set(stored.docNumber, stored);
    this.bm25.add(stored.docNumber, this.analyse(document));
  }

  /** The indexed words of each searchable field, in field order. */
  analyse(document: SearchDocument): IndexedWord[][] {
    return this.settings.searchableAttributes.map((attribute) => this.analyzer.indexedWords(fieldText(document, attribute)));
  }

  delete(id: string): void {
    const stored = this.byId.get(id);
    if (!stored) return;
    this.bm25.remove(stored.docNumber);
    this.vectors?.delete(stored.docNumber);
    this.byId.delete(id);
    this.byNumber.delete(stored.docNumber);
    this.freeDocNumbers.push(stored.docNumber);
  }
}

function documentId(document: SearchDocument, primaryKey: string): string {
  const id = document[primaryKey];
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isInteger(id)) return String(id);
  throw new Error(`Document has no usable primary key "${primaryKey}"`);
}

/** Searchable text of an attribute: strings and numbers, arrays joined. */
function fieldText(document: SearchDocument, attribute: string): string {
  return (valuesAt(document, attribute) ?? [])
    .filter((value) => typeof value === 'string' || typeof value === 'number')
    .join(' \n ');
}

/** A field is declared when it, or an object field containing it, is listed. */
function isDeclared(field: string, attributes: string[]): boolean {
  return attributes.some((attribute) => field === attribute || field.startsWith(`${attribute}.`));
}

/**
 * Meilisearch rejects filters, facets and sorts on undeclared attributes; rejecting them
 * here too means a missing setting fails in development rather than in production.
 */
function assertDeclared(request: SearchRequest, settings: IndexSettings): void {
  const undeclared = [
    ...(request.filter ? filterFields(request.filter) : []).filter((field) => !isDeclared(field, settings.filterableAttributes)),
    ...(request.facets ?? []).filter((field) => !isDeclared(field, settings.filterableAttributes)),
    ...(request.sort ?? []).map(({ field }) => field).filter((field) => !isDeclared(field, settings.sortableAttributes)),
  ];
  if (undeclared.length > 0) {
    throw new FilterError(`Attributes not declared filterable or sortable in the index settings: ${undeclared.join(', ')}`);
  }
}

function compareForSort(a: SearchDocument, b: SearchDocument, sort: SortSpec[]): number {
  for (const { field, direction } of sort) {
    const left = valuesAt(a, field)?.[0];
    const right = valuesAt(b, field)?.[0];
    const leftMissing = left === undefined || left === null;
    const rightMissing = right === undefined || right === null;
    // Documents without the field go last in either direction, as in Meilisearch.
    if (leftMissing || rightMissing) {
      if (leftMissing !== rightMissing) return leftMissing ? 1 : -1;
      continue;
    }
    const order = sortKey(left) < sortKey(right) ? -1 : sortKey(left) > sortKey(right) ? 1 : 0;
    if (order !== 0) return direction === 'asc' ? order : -order;
  }
  return 0;
}

function sortKey(value: unknown): number | string {
  return typeof value === 'number' ? value : String(value).toLowerCase();
}

function facetCounts(documents: SearchDocument[], facets: string[], maxValues: number): FacetDistribution {
  const distribution: FacetDistribution = {};
  for (const facet of facets) {
    const counts = new Map<string, number>();
    for (const document of documents) {
      const seen = new Set((valuesAt(document, facet) ?? []).filter((value) => value !== null && typeof value !== 'object').map(String));
      for (const value of seen) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const top = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, maxValues);
    distribution[facet] = Object.fromEntries(top);
  }
  return distribution;
}

/**
 * The first `k` items in `order`, without sorting the rest: a binary search finds each kept item's
 * place, but the insertion shifts up to k entries, so O(n·k) at worst, far below a full sort
 * while k (offset plus limit of one page) stays small.
 */
function topK<T>(items: T[], k: number, order: (a: T, b: T) => number): T[] {
  if (items.length <= k * 4) return [...items].sort(order).slice(0, k);
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === k && order(item, kept[k - 1] as T) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (order(kept[middle] as T, item) <= 0) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

/**
 * The in-process search engine: the default when no Meilisearch is configured, and the one tests
 * use. BM25F ranking with Porter stemming, stop words, field weights, typo tolerance and prefix
 * search (RM3 feedback is available but off in production); filters, facets and sort follow
 * Meilisearch's semantics. Its index lives in memory and is rebuilt from the database at start.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded-bm25f';
  private readonly indexes = new Map<string, EmbeddedIndex>();

  constructor(private readonly relevance: EmbeddedRelevanceOptions = PRODUCTION_RELEVANCE) {}

  async ensureIndex(name: string, settings: IndexSettings): Promise<void> {
    const existing = this.indexes.get(name);
    if (existing && JSON.stringify(existing.settings) === JSON.stringify(settings)) return;
    // New settings change analysis, so the documents are re-indexed under them.
    const index = new EmbeddedIndex(structuredClone(settings), this.relevance);
    for (const stored of existing?.byNumber.values() ?? []) {
      index.upsert({ ...stored.document, [VECTOR_FIELD]: existing?.vectors?.get(stored.docNumber) ?? null });
    }
    this.indexes.set(name, index);
  }

  async upsertDocuments(name: string, documents: SearchDocument[]): Promise<void> {
    const index = this.requireIndex(name);
    // Validate the whole batch first so a bad document leaves the index untouched, as a failed Meilisearch task does.
    for (const document of documents) {
      documentId(document, index.settings.primaryKey);
      const vector = document[VECTOR_FIELD];
      if (vector instanceof Float32Array && vector.length !== index.settings.vectorDimensions) {
        throw new Error(`Document vector has ${vector.length} dimensions; index "${name}" takes ${index.settings.vectorDimensions ?? 'none'}`);
      }
    }
    for (const document of documents) index.upsert(document);
  }

  async deleteDocuments(name: string, ids: string[]): Promise<void> {
    const index = this.requireIndex(name);
    for (const id of ids) index.delete(id);
  }

  async getDocuments(name: string, ids: string[]): Promise<SearchDocument[]> {
    const index = this.requireIndex(name);
    return ids.flatMap((id) => {
      const stored = index.byId.get(id);
      return stored ? [structuredClone(stored.document)] : [];
    });
  }

  async *iterateVersions(name: string, versionField: string): AsyncIterable<DocumentVersion> {
    const index = this.requireIndex(name);
    for (const stored of [...index.byNumber.values()]) {
      yield { id: stored.id, version: stored.document[versionField] };
    }
  }

  async search<D extends SearchDocument = SearchDocument>(name: string, request: SearchRequest): Promise<SearchResponse<D>> {
    const started = performance.now();
    const index = this.requireIndex(name);
    assertDeclared(request, index.settings);
    const plan = planQuery(request.query, {
      analyzer: index.analyzer,
      index: index.bm25,
      synonyms: index.synonyms,
      typoTolerance: index.settings.typoTolerance,
      weights: this.relevance.expansion,
    });

    let ranked: Array<[StoredDocument, number]>;
    if (plan.groups.length === 0) {
      // An empty query lists every document, like Meilisearch's placeholder search.
      ranked = [...index.byNumber.values()].map((stored) => [stored, 1]);
    } else {
      ranked = this.rank(index, plan);
    }
    if (request.filter) {
      const filter = request.filter;
      ranked = ranked.filter(([stored]) => matchesFilter(stored.document, filter));
    }
    const sort = request.sort ?? [];
    const byRelevance = (x: [StoredDocument, number], y: [StoredDocument, number]) => y[1] - x[1] || x[0].docNumber - y[0].docNumber;
    const order =
      sort.length > 0
        ? (x: [StoredDocument, number], y: [StoredDocument, number]) => compareForSort(x[0].document, y[0].document, sort) || byRelevance(x, y)
        : byRelevance;
    // Only the requested page needs ordering; selecting it avoids sorting every match of a common word.
    const page = topK(ranked, (request.offset ?? 0) + (request.limit ?? 20), order);

    const offset = request.offset ?? 0;
    const limit = request.limit ?? 20;
    const highlight = request.highlight;
    const hits: SearchHit<D>[] = page.slice(offset, offset + limit).map(([stored, score]) => {
      const hit: SearchHit<D> = { id: stored.id, document: structuredClone(stored.document) as D, score };
      if (highlight) {
        hit.highlights = Object.fromEntries(
          highlight.fields.map((field) => [field, highlightText(fieldText(stored.document, field), index.analyzer, plan.matchedWords, highlight)]),
        );
      }
      return hit;
    });
    return {
      hits,
      facetDistribution: facetCounts(
        ranked.map(([stored]) => stored.document),
        request.facets ?? [],
        index.settings.maxValuesPerFacet,
      ),
      estimatedTotalHits: ranked.length,
      processingTimeMs: Math.round(performance.now() - started),
    };
  }

  async searchByVector(name: string, query: VectorQuery): Promise<VectorHit[]> {
    const index = this.requireIndex(name);
    if (!index.vectors) throw new Error(`Search index "${name}" holds no vectors`);
    assertDeclared({ query: '', ...(query.filter ? { filter: query.filter } : {}) }, index.settings);
    const filter = query.filter;
    const nearest = index.vectors.nearest(query.vector, query.limit, (docNumber) => {
      const stored = index.byNumber.get(docNumber);
      return stored !== undefined && (!filter || matchesFilter(stored.document, filter));
    });
    return nearest.map(([docNumber, similarity]) => ({ id: (index.byNumber.get(docNumber) as StoredDocument).id, similarity }));
  }

  async getVectors(name: string, ids: string[]): Promise<Map<string, Float32Array>> {
    const index = this.requireIndex(name);
    const vectors = new Map<string, Float32Array>();
    for (const id of ids) {
      const stored = index.byId.get(id);
      const vector = stored && index.vectors?.get(stored.docNumber);
      if (vector) vectors.set(id, vector);
    }
    return vectors;
  }

  async swapIndexes(a: string, b: string): Promise<void> {
    const first = this.requireIndex(a);
    const second = this.requireIndex(b);
    this.indexes.set(a, second);
    this.indexes.set(b, first);
  }

  async deleteIndex(name: string): Promise<void> {
    this.indexes.delete(name);
  }

  async health(): Promise<SearchHealth> {
    return { ok: true, engine: this.name };
  }

  /** BM25F ranking, then RM3 re-ranking of the same matches when feedback is on. */
  private rank(index: EmbeddedIndex, plan: QueryPlan): Array<[StoredDocument, number]> {
    const first = index.bm25.score(plan.groups);
    let ordered = [...first.scores];
    let maxScore = first.maxScore;
    if (this.relevance.feedback) {
      ordered.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      const termsOf = (docNumber: number) => index.analyse(index.byNumber.get(docNumber)?.document ?? {}).flatMap((field) => field.map(({ term }) => term));
      const second = index.bm25.score(expandWithFeedback(plan, ordered, index.bm25, this.relevance.feedback, termsOf));
      ordered = ordered.map(([docNumber]) => [docNumber, second.scores.get(docNumber) ?? 0] as [number, number]);
      ordered.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      maxScore = second.maxScore;
    }
    return ordered.flatMap(([docNumber, score]) => {
      const stored = index.byNumber.get(docNumber);
      return stored ? [[stored, maxScore > 0 ? Math.min(score / maxScore, 1) : 0] as [StoredDocument, number]] : [];
    });
  }

  private requireIndex(name: string): EmbeddedIndex {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`Search index "${name}" does not exist; call ensureIndex first`);
    return index;
  }
}
