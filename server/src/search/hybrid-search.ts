import { bm25, lexicalQuery, profileForQuery, profileText } from './lexical-relevance';
import { cosine } from './embedder';
import type { HighlightSpec, SearchDocument, SearchEngine, SearchRequest, SearchResponse, VectorHit } from './search-engine';
import type { KeepsCorpusStatistics } from './statistics-keeping-engine';

/** Which evidence ranks the results: words, meaning, or both fused. */
export type SearchMode = 'KEYWORD' | 'SEMANTIC' | 'HYBRID';

/** How the keyword and vector lists are fused. */
export interface FusionSettings {
  method: 'zscore' | 'rrf';
  /** Share of the vector list in the fused score, 0..1. */
  semanticWeight: number;
  /** RRF's rank constant. */
  rrfK: number;
  /**
   * Neighbours less similar than this are not results: every document has some nearest neighbour.
   * Kept low because a real paraphrase can score little: the issue's own example pair (GP
   * appointments vs cloud telephony) has a cosine of 0.11 under this model.
   */
  minSimilarity: number;
  /** How deep each list is read before fusing; the page is cut from the fused list. */
  candidates: number;
  /** Rescore the pool's keyword leg with our own BM25 when the engine keeps corpus statistics. */
  ownKeywordScores: boolean;
  /** Look up the vectors of keyword-only pool members, so every member has a similarity. */
  completeVectors: boolean;
}

/**
 * Chosen on SciFact and the seeds' development set together, never one alone
 * (`npm run relevance -- --mode hybrid --beir DIR --fusion JSON`, embedded engine), nDCG@10
 * SciFact / dev set, with the pool's keyword leg rescored by our BM25 and every member's vector:
 * z-score at semantic weight 0.4: 0.736 / 0.907; 0.5: 0.739 / 0.917; 0.6: 0.739 / 0.918;
 * RRF (k 60) at 0.5: 0.717 / 0.891. Engine keyword scores instead of ours: 0.735 / 0.906; without
 * the missing vectors looked up: 0.728 / 0.916; neither (the fusion before): 0.731 / 0.908.
 * On Meilisearch the rescoring lifts SciFact from 0.644 to 0.726. z-score at 0.5 it stays.
 */
export const PRODUCTION_FUSION: FusionSettings = {
  method: 'zscore',
  semanticWeight: 0.5,
  rrfK: 60,
  minSimilarity: 0.05,
  candidates: 100,
  ownKeywordScores: true,
  completeVectors: true,
};

/** One fused result: keyword highlights when the words matched too. */
export interface RankedHit {
  id: string;
  score: number;
  highlights?: Record<string, string>;
  /**
   * The engine's copy, when ranking had it at hand (every keyword hit; a vector-only one when the
   * pool was rescored). It may lag the database: only for knowing early what to load beside the record.
   */
  document?: SearchDocument;
}

export interface RankedResponse {
  hits: RankedHit[];
  facetDistribution: SearchResponse['facetDistribution'];
  estimatedTotalHits: number;
  processingTimeMs: number;
  /** The mode that produced these results: KEYWORD when no vector could be used. */
  mode: SearchMode;
}

/** One pool document with what each leg says of it; a leg that did not see it leaves it undefined. */
export interface Candidate {
  id: string;
  keyword?: number;
  vector?: number;
}

/** Standard scores of a list; a document missing from a list counts as that list's worst. */
function standardise(values: number[]): (value: number | undefined) => number {
  if (values.length === 0) return () => 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const deviation = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length) || 1;
  const worst = Math.min(...values);
  return (value) => ((value ?? worst) - mean) / deviation;
}

/** Ranks by one leg's values, 1 = best; documents the leg did not see have none. */
function ranksBy(candidates: Candidate[], leg: 'keyword' | 'vector'): Map<string, number> {
  const seen = candidates.filter((candidate) => candidate[leg] !== undefined).sort((a, b) => (b[leg] as number) - (a[leg] as number));
  return new Map(seen.map((candidate, rank) => [candidate.id, rank + 1]));
}

/** Fused scores mapped into 0..1, best first. Exported for the relevance command's experiments. */
export function fuse(candidates: Candidate[], settings: FusionSettings): { id: string; score: number }[] {
  const w = settings.semanticWeight;
  let scored: { id: string; score: number }[];
  if (settings.method === 'rrf') {
    const keywordRank = ranksBy(candidates, 'keyword');
    const vectorRank = ranksBy(candidates, 'vector');
    const best = 1 / (settings.rrfK + 1);
    scored = candidates.map(({ id }) => {
      const k = keywordRank.get(id);
      const v = vectorRank.get(id);
      const sum = (1 - w) * (k ? 1 / (settings.rrfK + k) : 0) + w * (v ? 1 / (settings.rrfK + v) : 0);
      return { id, score: sum / best };
    });
  } else {
    const zKeyword = standardise(candidates.flatMap((candidate) => (candidate.keyword === undefined ? [] : [candidate.keyword])));
    const zVector = standardise(candidates.flatMap((candidate) => (candidate.vector === undefined ? [] : [candidate.vector])));
    // A logistic maps the fused standard score into 0..1 without letting one outlier squash the rest.
    scored = candidates.map(({ id, keyword: k, vector: v }) => ({
      id,
      score: 1 / (1 + Math.exp(-((1 - w) * zKeyword(k) + w * zVector(v)))),
    }));
  }
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The fusion pool with both legs scored on every member, where the engine allows: the keyword
 * leg by our own BM25 over the index's kept statistics (engines rank long queries differently and,
 * Meilisearch, weakly), the vector leg by each member's stored vector. Without kept statistics the
 * engine's own keyword scores stand, and a document one leg missed counts as that leg's worst.
 * Also returns the members' documents it has, so callers need not read them again.
 */
async function scorePool(
  engine: SearchEngine & Partial<KeepsCorpusStatistics>,
  index: string,
  query: string,
  queryVector: Float32Array,
  keyword: SearchResponse,
  neighbours: VectorHit[],
  settings: FusionSettings,
): Promise<{ candidates: Candidate[]; documents: Map<string, SearchDocument> }> {
  const pool = new Map<string, Candidate>();
  keyword.hits.forEach((hit) => pool.set(hit.id, { id: hit.id, keyword: hit.score }));
  neighbours.forEach((hit) => pool.set(hit.id, { ...(pool.get(hit.id) ?? { id: hit.id }), vector: hit.similarity }));
  const documents = new Map(keyword.hits.map((hit) => [hit.id, hit.document]));
  const corpus = engine.corpusOf?.(index);
  if (corpus && settings.ownKeywordScores) {
    const missing = [...pool.keys()].filter((id) => !documents.has(id));
    for (const document of await engine.getDocuments(index, missing)) documents.set(String(document[corpus.primaryKey]), document);
    const lexical = lexicalQuery(profileText([query]), corpus.statistics);
    for (const candidate of pool.values()) {
      const document = documents.get(candidate.id);
      candidate.keyword = document ? bm25(lexical, profileForQuery(lexical, corpus.texts(document)), corpus.statistics) : 0;
    }
  }
  if (settings.completeVectors) {
    const lacking = [...pool.values()].filter((candidate) => candidate.vector === undefined).map((candidate) => candidate.id);
    const vectors = lacking.length > 0 ? await engine.getVectors(index, lacking) : new Map<string, Float32Array>();
    for (const [id, vector] of vectors) {
      const candidate = pool.get(id) as Candidate;
      candidate.vector = cosine(vector, queryVector);
    }
  }
  return { candidates: [...pool.values()], documents };
}

/**
 * One search in the requested mode, the same way on every engine: the engine answers the keyword
 * query (with facets and highlights) and the vector query, and the two candidate lists are fused
 * here, because fusing them ourselves measured better than Meilisearch's own hybrid blend. An
 * empty query or an explicit sort is a keyword listing. Facets count the keyword matches.
 * The query vector may still be on its way: the keyword leg runs meanwhile, so the model's
 * thread and this one work at once instead of one after the other. Without a vector (the model
 * failed), the answer is the keyword one.
 */
export async function rankedSearch(
  engine: SearchEngine & Partial<KeepsCorpusStatistics>,
  index: string,
  request: SearchRequest & { highlight?: HighlightSpec },
  mode: SearchMode,
  queryVector: Float32Array | undefined | Promise<Float32Array | undefined>,
  settings: FusionSettings = PRODUCTION_FUSION,
): Promise<RankedResponse> {
  const offset = request.offset ?? 0;
  const limit = request.limit ?? 20;
  const keywordOnly = async (): Promise<RankedResponse> => {
    const response = await engine.search(index, request);
    return { ...response, hits: response.hits.map(({ id, score, highlights, document }) => ({ id, score, document, ...(highlights ? { highlights } : {}) })), mode: 'KEYWORD' };
  };
  if (queryVector === undefined || mode === 'KEYWORD' || request.query.trim() === '' || request.sort?.length) return keywordOnly();
  const depth = Math.max(settings.candidates, offset + limit);
  // SEMANTIC reads the keyword side only for its facet counts.
  const keywordLeg = engine.search(index, { ...request, offset: 0, limit: mode === 'SEMANTIC' ? 1 : depth });
  const vectorReady = await Promise.all([queryVector, keywordLeg.catch(() => undefined)]).then(([vector]) => vector);
  if (!vectorReady) return keywordOnly();
  const [keyword, vector] = await Promise.all([
    keywordLeg,
    engine.searchByVector(index, { vector: vectorReady, limit: depth, ...(request.filter ? { filter: request.filter } : {}) }),
  ]);
  const neighbours = vector.filter((hit) => hit.similarity >= settings.minSimilarity);
  const highlights = new Map(keyword.hits.map((hit) => [hit.id, hit.highlights]));
  const pool = mode === 'SEMANTIC' ? undefined : await scorePool(engine, index, request.query, vectorReady, keyword, neighbours, settings);
  const fused = pool ? fuse(pool.candidates, settings) : neighbours.map((hit) => ({ id: hit.id, score: Math.max(0, hit.similarity) }));
  const documents = pool?.documents ?? new Map(keyword.hits.map((hit) => [hit.id, hit.document]));
  const keywordIds = new Set(keyword.hits.map((hit) => hit.id));
  const vectorOnly = neighbours.filter((hit) => !keywordIds.has(hit.id)).length;
  return {
    hits: fused.slice(offset, offset + limit).map(({ id, score }) => {
      const marked = highlights.get(id);
      return { id, score, document: documents.get(id), ...(marked ? { highlights: marked } : {}) };
    }),
    facetDistribution: keyword.facetDistribution,
    estimatedTotalHits: mode === 'SEMANTIC' ? neighbours.length : keyword.estimatedTotalHits + vectorOnly,
    processingTimeMs: Math.max(keyword.processingTimeMs, 0),
    mode,
  };
}
