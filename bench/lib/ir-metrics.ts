/**
 * Standard ranked-retrieval metrics as BEIR computes them (via trec_eval): linear gains,
 * log2 discount, ideal ranking from the judgements. Used by the relevance benchmark.
 */

/** Judged documents for one query: document id → graded relevance (0 = judged not relevant). */
export type Judgements = ReadonlyMap<string, number>;

/** nDCG@k: discounted gain of the ranking over that of the ideal ranking. */
export function ndcgAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  const dcg = ranking.slice(0, k).reduce((sum, id, position) => sum + (judgements.get(id) ?? 0) / Math.log2(position + 2), 0);
  const ideal = [...judgements.values()]
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, position) => sum + grade / Math.log2(position + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Recall@k: share of the relevant documents found in the first k. */
export function recallAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  const relevant = [...judgements].filter(([, grade]) => grade > 0).length;
  if (relevant === 0) return 0;
  const found = ranking.slice(0, k).filter((id) => (judgements.get(id) ?? 0) > 0).length;
  return found / relevant;
}

/** MRR@k for one query: 1/rank of the first relevant document within k, else 0. */
export function reciprocalRankAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  const position = ranking.slice(0, k).findIndex((id) => (judgements.get(id) ?? 0) > 0);
  return position === -1 ? 0 : 1 / (position + 1);
}

/** Mean of per-query values; 0 for no queries. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
