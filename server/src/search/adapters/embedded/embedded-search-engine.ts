import { performance } from 'node:perf_hooks';
import type {
  DocumentVersion,
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
import { AttributeIndex, type Matches } from './attribute-index';
import { Bm25Index, type IndexedWord } from './bm25-index';
import { DocSet } from './doc-set';
import { valuesAt } from './filter-evaluator';
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

type SortKey = number | string | undefined;

/**
 * One index: its settings, analyser, inverted index, attribute columns and stored documents.
 * Documents are stored once, as JSON text: compact (one string, not an object graph), and every
 * read parses a fresh copy, so callers can never alter what is stored.
 */
class EmbeddedIndex {
  readonly analyzer: TextAnalyzer;
  readonly bm25: Bm25Index;
  readonly attributes: AttributeIndex;
  readonly synonyms: Map<string, string[]>;
  readonly byId = new Map<string, number>();
  readonly vectors: VectorIndex | undefined;
  /** The documents present, by number. */
  live: DocSet = DocSet.empty(0);
  private readonly ids: (string | undefined)[] = [];
  private readonly sources: (string | undefined)[] = [];
  /** Each sortable attribute's first value by document, as compared when sorting. */
  private readonly sortKeys: Map<string, SortKey[]>;
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
    this.attributes = new AttributeIndex(settings.filterableAttributes, (docNumber) => this.document(docNumber));
    this.sortKeys = new Map(settings.sortableAttributes.map((attribute) => [attribute, []]));
  }

  get size(): number {
    return this.byId.size;
  }

  upsert(withVector: SearchDocument): void {
    // Copied only to drop the vector: the document is read here and stored as JSON, never kept as given.
    const vector = withVector[VECTOR_FIELD];
    const document = Object.hasOwn(withVector, VECTOR_FIELD) ? withoutVector(withVector) : withVector;
    const id = documentId(document, this.settings.primaryKey);
    const existing = this.byId.get(id);
    if (existing !== undefined) this.unindex(existing);
    const docNumber = existing ?? this.freeDocNumbers.pop() ?? this.nextDocNumber++;
    // An upsert replaces the whole document, its vector included, as in Meilisearch.
    if (vector instanceof Float32Array) this.vectors?.set(docNumber, vector);
    else this.vectors?.delete(docNumber);
    this.byId.set(id, docNumber);
    this.ids[docNumber] = id;
    this.sources[docNumber] = JSON.stringify(document);
    this.live = this.live.grownTo(docNumber + 1);
    this.live.add(docNumber);
    this.bm25.add(docNumber, this.analyse(document));
    this.attributes.add(docNumber, document);
    for (const [attribute, keys] of this.sortKeys) keys[docNumber] = sortKeyOf(document, attribute);
  }

  /** The indexed words of each searchable field, in field order. */
  analyse(document: SearchDocument): IndexedWord[][] {
    return this.settings.searchableAttributes.map((attribute) => this.analyzer.indexedWords(fieldText(document, attribute)));
  }

  delete(id: string): void {
    const docNumber = this.byId.get(id);
    if (docNumber === undefined) return;
    this.unindex(docNumber);
    this.vectors?.delete(docNumber);
    this.byId.delete(id);
    this.ids[docNumber] = undefined;
    this.sources[docNumber] = undefined;
    this.live.delete(docNumber);
    this.freeDocNumbers.push(docNumber);
  }

  /** A fresh copy of a stored document. */
  document(docNumber: number): SearchDocument {
    return JSON.parse(this.sources[docNumber] ?? '{}') as SearchDocument;
  }

  idAt(docNumber: number): string {
    return this.ids[docNumber] ?? '';
  }

  /** The stored documents' numbers, ascending. */
  docNumbers(): Uint32Array {
    return membersOf(this.live);
  }

  sortKey(docNumber: number, field: string): SortKey {
    const keys = this.sortKeys.get(field);
    return keys ? keys[docNumber] : sortKeyOf(this.document(docNumber), field);
  }

  private unindex(docNumber: number): void {
    const document = this.document(docNumber);
    this.bm25.remove(docNumber, this.analyse(document));
    this.attributes.remove(docNumber, document);
  }
}

function withoutVector(withVector: SearchDocument): SearchDocument {
  const { [VECTOR_FIELD]: _vector, ...document } = withVector;
  return document;
}

/** The members of a set, ascending. */
function membersOf(set: DocSet, atMost = Infinity): Uint32Array {
  const members = new Uint32Array(Math.min(set.size(), atMost));
  let found = 0;
  for (let word = 0; word < set.bits.length && found < members.length; word += 1) {
    let bits = set.bits[word] as number;
    while (bits !== 0 && found < members.length) {
      const lowest = bits & -bits;
      members[found] = word * 32 + 31 - Math.clz32(lowest);
      found += 1;
      bits ^= lowest;
    }
  }
  return members;
}

/** What a document sorts by: its field's first value, numbers as numbers, text case-folded; missing when absent or null. */
function sortKeyOf(document: SearchDocument, field: string): SortKey {
  const value = valuesAt(document, field)?.[0];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' ? value : String(value).toLowerCase();
}

function documentId(document: SearchDocument, primaryKey: string): string {
  const id = document[primaryKey];
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isInteger(id)) return String(id);
  throw new Error(`Document has no usable primary key "${primaryKey}"`);
}

/** Searchable text of an attribute: strings and numbers, arrays joined. */
function fieldText(document: SearchDocument, attribute: string): string {
  const value = valuesAt(document, attribute);
  if (value?.length === 1 && typeof value[0] === 'string') return value[0];
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

/** Sort order of two documents by their sort keys; documents without the field go last in either direction, as in Meilisearch. */
function compareSortKeys(index: EmbeddedIndex, a: number, b: number, sort: SortSpec[]): number {
  for (const { field, direction } of sort) {
    const left = index.sortKey(a, field);
    const right = index.sortKey(b, field);
    if (left === undefined || right === undefined) {
      if ((left === undefined) !== (right === undefined)) return left === undefined ? 1 : -1;
      continue;
    }
    const order = left < right ? -1 : left > right ? 1 : 0;
    if (order !== 0) return direction === 'asc' ? order : -order;
  }
  return 0;
}

/**
 * The positions of the first `k` of `count` items in `order`, without sorting the rest: each
 * item is first compared with the last one kept, and most go no further; a kept item's place is
 * found by binary search. Far below a full sort while k (offset plus limit of one page) is small.
 */
function topPositions(count: number, k: number, order: (a: number, b: number) => number): number[] {
  if (count <= k * 4) return Array.from({ length: count }, (_, position) => position).sort(order).slice(0, k);
  const kept: number[] = [];
  for (let item = 0; item < count; item += 1) {
    if (kept.length === k && order(item, kept[k - 1] as number) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (order(kept[middle] as number, item) <= 0) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

/** Scored documents narrowed to a filter's set. */
function withinSet<T extends { docNumbers: Uint32Array; scores: Float64Array }>(scored: T, set: DocSet | undefined): T {
  if (!set) return scored;
  let kept = 0;
  const { docNumbers, scores } = scored;
  for (let position = 0; position < docNumbers.length; position += 1) {
    const docNumber = docNumbers[position] as number;
    if (!set.has(docNumber)) continue;
    docNumbers[kept] = docNumber;
    scores[kept] = scores[position] as number;
    kept += 1;
  }
  return { ...scored, docNumbers: docNumbers.subarray(0, kept), scores: scores.subarray(0, kept) };
}

/** Scores over their bound, in 0..1. */
function normalised(scores: Float64Array, maxScore: number): Float64Array {
  for (let position = 0; position < scores.length; position += 1) {
    scores[position] = maxScore > 0 ? Math.min((scores[position] as number) / maxScore, 1) : 0;
  }
  return scores;
}

/** Ranked matches as the attribute index reads them; the bitset is made only if a facet needs it. */
function matchesOf(index: EmbeddedIndex, docNumbers: Uint32Array): Matches {
  let set: DocSet | undefined;
  return {
    get set() {
      if (!set) {
        set = new DocSet(new Uint32Array(index.live.bits.length));
        set.addAll(docNumbers, docNumbers.length);
      }
      return set;
    },
    members: () => docNumbers,
    count: docNumbers.length,
    everything: false,
  };
}

/** A search's candidates: document numbers with their ranking scores (0..1), or all 1 for a placeholder search. */
interface Ranked {
  docNumbers: Uint32Array;
  scores: Float64Array | undefined;
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
    for (const docNumber of existing?.docNumbers() ?? []) {
      index.upsert({ ...existing?.document(docNumber), [VECTOR_FIELD]: existing?.vectors?.get(docNumber) ?? null });
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
      const docNumber = index.byId.get(id);
      return docNumber === undefined ? [] : [index.document(docNumber)];
    });
  }

  async *iterateVersions(name: string, versionField: string): AsyncIterable<DocumentVersion> {
    const index = this.requireIndex(name);
    for (const docNumber of index.docNumbers()) {
      yield { id: index.idAt(docNumber), version: index.document(docNumber)[versionField] };
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
    const offset = request.offset ?? 0;
    const limit = request.limit ?? 20;
    const sort = request.sort ?? [];
    const filtered = request.filter ? index.attributes.matching(request.filter, index.live) : undefined;
    // An empty query lists every document, like Meilisearch's placeholder search; unsorted, only its first page is read.
    const placeholder = plan.groups.length === 0;
    const listed = filtered ?? index.live;
    const inDocumentOrder = placeholder && sort.length === 0;
    const { docNumbers, scores } = placeholder
      ? { docNumbers: membersOf(listed, inDocumentOrder ? offset + limit : Infinity), scores: undefined }
      : this.rank(index, plan, filtered);
    const total = inDocumentOrder ? listed.size() : docNumbers.length;

    const byRelevance = (x: number, y: number) =>
      (scores ? (scores[y] as number) - (scores[x] as number) : 0) || (docNumbers[x] as number) - (docNumbers[y] as number);
    const order = sort.length > 0 ? (x: number, y: number) => compareSortKeys(index, docNumbers[x] as number, docNumbers[y] as number, sort) || byRelevance(x, y) : byRelevance;
    // Only the requested page needs ordering; selecting it avoids sorting every match of a common word.
    const page = inDocumentOrder
      ? Array.from({ length: Math.min(docNumbers.length, offset + limit) }, (_, position) => position)
      : topPositions(docNumbers.length, offset + limit, order);
    const matches: Matches = placeholder
      ? { set: listed, members: () => membersOf(listed), count: total, everything: !filtered }
      : matchesOf(index, docNumbers);

    const highlight = request.highlight;
    const hits: SearchHit<D>[] = page.slice(offset, offset + limit).map((position) => {
      const docNumber = docNumbers[position] as number;
      const document = index.document(docNumber) as D;
      const hit: SearchHit<D> = { id: index.idAt(docNumber), document, score: scores ? (scores[position] as number) : 1 };
      if (highlight) {
        hit.highlights = Object.fromEntries(
          highlight.fields.map((field) => [field, highlightText(fieldText(document, field), index.analyzer, plan.matchedWords, highlight)]),
        );
      }
      return hit;
    });
    return {
      hits,
      facetDistribution: Object.fromEntries(
        (request.facets ?? []).map((facet) => [facet, index.attributes.facetCounts(facet, matches, index.settings.maxValuesPerFacet)]),
      ),
      estimatedTotalHits: total,
      processingTimeMs: Math.round(performance.now() - started),
    };
  }

  async searchByVector(name: string, query: VectorQuery): Promise<VectorHit[]> {
    const index = this.requireIndex(name);
    if (!index.vectors) throw new Error(`Search index "${name}" holds no vectors`);
    assertDeclared({ query: '', ...(query.filter ? { filter: query.filter } : {}) }, index.settings);
    const allowed = query.filter ? index.attributes.matching(query.filter, index.live) : index.live;
    const nearest = index.vectors.nearest(query.vector, query.limit, allowed);
    return nearest.map(([docNumber, similarity]) => ({ id: index.idAt(docNumber), similarity }));
  }

  async getVectors(name: string, ids: string[]): Promise<Map<string, Float32Array>> {
    const index = this.requireIndex(name);
    const vectors = new Map<string, Float32Array>();
    for (const id of ids) {
      const docNumber = index.byId.get(id);
      const vector = docNumber === undefined ? undefined : index.vectors?.get(docNumber);
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

  /** BM25F ranking of the documents passing the filter, then RM3 re-ranking of the same matches when feedback is on. */
  private rank(index: EmbeddedIndex, plan: QueryPlan, filtered: DocSet | undefined): Ranked {
    const first = withinSet(index.bm25.score(plan.groups), filtered);
    if (!this.relevance.feedback) return { docNumbers: first.docNumbers, scores: normalised(first.scores, first.maxScore) };
    const ordered = Array.from(first.docNumbers, (docNumber, position) => [docNumber, first.scores[position] as number] as [number, number]);
    ordered.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const termsOf = (docNumber: number) => index.analyse(index.document(docNumber)).flatMap((field) => field.map(({ term }) => term));
    const second = index.bm25.score(expandWithFeedback(plan, ordered, index.bm25, this.relevance.feedback, termsOf));
    const rescored = new Map<number, number>();
    second.docNumbers.forEach((docNumber, position) => rescored.set(docNumber, second.scores[position] as number));
    const docNumbers = Uint32Array.from(ordered, ([docNumber]) => docNumber);
    const scores = Float64Array.from(ordered, ([docNumber]) => rescored.get(docNumber) ?? 0);
    return { docNumbers, scores: normalised(scores, second.maxScore) };
  }

  private requireIndex(name: string): EmbeddedIndex {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`Search index "${name}" does not exist; call ensureIndex first`);
    return index;
  }
}
