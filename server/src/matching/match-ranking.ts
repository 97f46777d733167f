import { bm25, lexicalQuery, type CorpusStatistics } from './lexical-relevance';
import { explainMatch, featureValues, isEligible, scoreOf, type FeatureValues, type MatchChallenge, type MatchExplanation, type MatchSolution, type ScoringContext } from './match-scoring';
import type { FeatureWeights } from './match-weights';

/** One ranked suggestion with its explanation. */
export interface RankedMatch {
  solutionId: string;
  score: number;
  explanation: MatchExplanation;
}

/** The matcher's answer for one challenge: suggestions best first, and the best near-misses with why not. */
export interface RankedCandidates {
  suggestions: RankedMatch[];
  nearMisses: RankedMatch[];
  /** How many candidates were scored (the pool, or everything when scoring exhaustively). */
  scored: number;
}

export interface RankOptions {
  weights: FeatureWeights;
  now: Date;
  limit: number;
  nearMissLimit?: number;
  /** Scores without explanations, for measurements that only need the order. */
  explain?: boolean;
}

/** Keeps the best `limit` by score in one pass, without sorting the whole pool. */
function topByScore<T extends { score: number }>(items: Iterable<T>, limit: number): T[] {
  const best: T[] = [];
  for (const item of items) {
    if (best.length === limit && (best[limit - 1]?.score ?? -Infinity) >= item.score) continue;
    let position = best.length;
    while (position > 0 && (best[position - 1]?.score ?? 0) < item.score) position -= 1;
    best.splice(position, 0, item);
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * Scores a candidate pool for one challenge: hard eligibility filters, then our own re-rank. The
 * same code scores a few hundred retrieved candidates and, in the benchmark, every solution.
 */
export function rankCandidates(
  challenge: MatchChallenge,
  candidates: readonly MatchSolution[],
  statistics: CorpusStatistics,
  options: RankOptions,
): RankedCandidates {
  const query = lexicalQuery(challenge.text, statistics);
  const lexical = candidates.map((solution) => bm25(query, solution.text, statistics));
  const context: ScoringContext = { query, statistics, bestLexical: lexical.reduce((best, score) => Math.max(best, score), 0), now: options.now };
  const scored = candidates.map((solution) => {
    const values: FeatureValues = featureValues(challenge, solution, context);
    return { solution, values, score: scoreOf(values, options.weights), eligible: isEligible(challenge, solution, options.now) };
  });
  const explain = (entry: (typeof scored)[number]): RankedMatch => ({
    solutionId: entry.solution.id,
    score: entry.score,
    explanation:
      options.explain === false
        ? { score: entry.score, features: entry.values, contributions: [], matchedTerms: [], checksPassed: [], whyNot: [], eligible: entry.eligible }
        : explainMatch(challenge, entry.solution, context, options.weights, entry.values),
  });
  return {
    suggestions: topByScore(scored.filter((entry) => entry.eligible), options.limit).map(explain),
    nearMisses: topByScore(scored.filter((entry) => !entry.eligible), options.nearMissLimit ?? 0).map(explain),
    scored: candidates.length,
  };
}
