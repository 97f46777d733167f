import type { HighlightSpec, SearchEngine, SearchRequest, SearchResponse, VectorHit } from './search-engine';

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
}

/**
 * Chosen on SciFact and the seeds' development set together, never one alone
 * (`npm run relevance -- --mode hybrid --fusion JSON`, embedded engine), nDCG@10 SciFact / dev set:
 * z-score at semantic weight 0.5: 0.733 / 0.942; 0.6: 0.723 / 0.940; 0.7: 0.709 / 0.940;
 * RRF (k 60) at 0.5: 0.712 / 0.935; at 0.6: 0.701 / 0.930. z-score at 0.5 is best on both.
 */
export const PRODUCTION_FUSION: FusionSettings = {
  method: 'zscore',
  semanticWeight: 0.5,
  rrfK: 60,
  minSimilarity: 0.05,
  candidates: 100,
};

/** One fused result: keyword highlights when the words matched too. */
export interface RankedHit {
  id: string;
  score: number;
  highlights?: Record<string, string>;
}

export interface RankedResponse {
  hits: RankedHit[];
  facetDistribution: SearchResponse['facetDistribution'];
  estimatedTotalHits: number;
  processingTimeMs: number;
  /** The mode that produced these results: KEYWORD when no vector could be used. */
  mode: SearchMode;
}

interface Candidate {
  id: string;
  keyword?: number;
  vector?: number;
  highlights?: Record<string, string>;
}

/** Standard scores of a list; a document missing from a list counts as that list's worst. */
function standardise(values: number[]): (value: number | undefined) => number {
  if (values.length === 0) return () => 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const deviation = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length) || 1;
  const worst = Math.min(...values);
  return (value) => ((value ?? worst) - mean) / deviation;
}

/** Fused scores mapped into 0..1, best first. Exported for the relevance command's experiments. */
export function fuse(keyword: { id: string; score: number }[], vector: VectorHit[], settings: FusionSettings): { id: string; score: number }[] {
  const candidates = new Map<string, Candidate>();
  keyword.forEach((hit) => candidates.set(hit.id, { id: hit.id, keyword: hit.score }));
  vector.forEach((hit) => {
    const candidate = candidates.get(hit.id) ?? { id: hit.id };
    candidate.vector = hit.similarity;
    candidates.set(hit.id, candidate);
  });
  const w = settings.semanticWeight;
  let scored: { id: string; score: number }[];
  if (settings.method === 'rrf') {
    const keywordRank = new Map(keyword.map((hit, rank) => [hit.id, rank + 1]));
    const vectorRank = new Map(vector.map((hit, rank) => [hit.id, rank + 1]));
    const best = 1 / (settings.rrfK + 1);
    scored = [...candidates.values()].map(({ id }) => {
      const k = keywordRank.get(id);
      const v = vectorRank.get(id);
      const sum = (1 - w) * (k ? 1 / (settings.rrfK + k) : 0) + w * (v ? 1 / (settings.rrfK + v) : 0);
      return { id, score: sum / best };
    });
  } else {
    const zKeyword = standardise(keyword.map((hit) => hit.score));
    const zVector = standardise(vector.map((hit) => hit.similarity));
    // A logistic maps the fused standard score into 0..1 without letting one outlier squash the rest.
    scored = [...candidates.values()].map(({ id, keyword: k, vector: v }) => ({
      id,
      score: 1 / (1 + Math.exp(-((1 - w) * zKeyword(k) + w * zVector(v)))),
    }));
  }
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * One search in the requested mode, the same way on every engine: the engine answers the keyword
 * query (with facets and highlights) and the vector query, and the two candidate lists are fused
 * here, because fusing them ourselves measured better than Meilisearch's own hybrid blend. An
 * empty query or an explicit sort is a keyword listing. Facets count the keyword matches.
 */
export async function rankedSearch(
  engine: SearchEngine,
  index: string,
  request: SearchRequest & { highlight?: HighlightSpec },
  mode: SearchMode,
  queryVector: Float32Array | undefined,
  settings: FusionSettings = PRODUCTION_FUSION,
): Promise<RankedResponse> {
  const offset = request.offset ?? 0;
  const limit = request.limit ?? 20;
  const useVectors = queryVector !== undefined && mode !== 'KEYWORD' && request.query.trim() !== '' && !request.sort?.length;
  if (!useVectors) {
    const response = await engine.search(index, request);
    return { ...response, hits: response.hits.map(({ id, score, highlights }) => ({ id, score, ...(highlights ? { highlights } : {}) })), mode: 'KEYWORD' };
  }
  const depth = Math.max(settings.candidates, offset + limit);
  const [keyword, vector] = await Promise.all([
    // SEMANTIC reads the keyword side only for its facet counts.
    engine.search(index, { ...request, offset: 0, limit: mode === 'SEMANTIC' ? 1 : depth }),
    engine.searchByVector(index, { vector: queryVector, limit: depth, ...(request.filter ? { filter: request.filter } : {}) }),
  ]);
  const neighbours = vector.filter((hit) => hit.similarity >= settings.minSimilarity);
  const highlights = new Map(keyword.hits.map((hit) => [hit.id, hit.highlights]));
  const fused =
    mode === 'SEMANTIC'
      ? neighbours.map((hit) => ({ id: hit.id, score: Math.max(0, hit.similarity) }))
      : fuse(keyword.hits.map(({ id, score }) => ({ id, score })), neighbours, settings);
  const keywordIds = new Set(keyword.hits.map((hit) => hit.id));
  const vectorOnly = neighbours.filter((hit) => !keywordIds.has(hit.id)).length;
  return {
    hits: fused.slice(offset, offset + limit).map(({ id, score }) => {
      const marked = highlights.get(id);
      return { id, score, ...(marked ? { highlights: marked } : {}) };
    }),
    facetDistribution: keyword.facetDistribution,
    estimatedTotalHits: mode === 'SEMANTIC' ? neighbours.length : keyword.estimatedTotalHits + vectorOnly,
    processingTimeMs: Math.max(keyword.processingTimeMs, 0),
    mode,
  };
}
