import { bm25, lexicalQuery, type CorpusStatistics } from '../search/lexical-relevance';
import {
  explainMatch,
  featureValues,
  isEligible,
  scoreOf,
  scoredText,
  type FeatureValues,
  type MatchChallenge,
  type ExplanationRecord,
  type MatchSolution,
  type ScoringContext,
} from './match-scoring';
import type { FeatureWeights } from './match-weights';

/** One ranked suggestion with its explanation. */
export interface RankedMatch {
  /** The ranked side's id: the solution's for a challenge, the challenge's for a solution. */
  id: string;
  score: number;
  explanation: ExplanationRecord;
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

/** One pair to score, either way round. */
interface Pair {
  id: string;
  challenge: MatchChallenge;
  solution: MatchSolution;
}

function rankPairs(
  pairs: readonly Pair[],
  queryText: MatchChallenge['text'],
  queryFrom: ScoringContext['queryFrom'],
  statistics: CorpusStatistics,
  options: RankOptions,
): RankedCandidates {
  const query = lexicalQuery(queryText, statistics);
  const judged = pairs.map((pair) => ({
    pair,
    lexicalScore: bm25(query, scoredText(pair.challenge, pair.solution, { queryFrom }), statistics),
    eligible: isEligible(pair.challenge, pair.solution, options.now),
  }));
  // The scale is the best suggestible wording: a candidate that fails a requirement (and may or may not
  // have been retrieved) must not shrink every eligible candidate's lexical share.
  const bestOf = (entries: typeof judged) => entries.reduce((best, entry) => Math.max(best, entry.lexicalScore), 0);
  const eligible = judged.filter((entry) => entry.eligible);
  const bestLexical = bestOf(eligible.length > 0 ? eligible : judged);
  const context: ScoringContext = { query, statistics, bestLexical, now: options.now, queryFrom };
  const scored = judged.map(({ pair, lexicalScore, eligible }) => {
    const values: FeatureValues = featureValues(pair.challenge, pair.solution, context, lexicalScore);
    return { pair, values, score: scoreOf(values, options.weights), eligible };
  });
  const explain = (entry: (typeof scored)[number]): RankedMatch => ({
    id: entry.pair.id,
    score: entry.score,
    explanation:
      options.explain === false
        ? { score: entry.score, features: entry.values, contributions: [], matchedTerms: [], checksPassed: [], whyNot: [], eligible: entry.eligible }
        : explainMatch(entry.pair.challenge, entry.pair.solution, context, options.weights, entry.values),
  });
  return {
    suggestions: topByScore(scored.filter((entry) => entry.eligible), options.limit).map(explain),
    nearMisses: topByScore(scored.filter((entry) => !entry.eligible), options.nearMissLimit ?? 0).map(explain),
    scored: pairs.length,
  };
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
  return rankPairs(candidates.map((solution) => ({ id: solution.id, challenge, solution })), challenge.text, 'challenge', statistics, options);
}

/** The other way round: open challenges for one solution, with the same features; `statistics` are the challenges'. */
export function rankChallengesFor(
  solution: MatchSolution,
  challenges: readonly MatchChallenge[],
  statistics: CorpusStatistics,
  options: RankOptions,
): RankedCandidates {
  return rankPairs(challenges.map((challenge) => ({ id: challenge.id, challenge, solution })), solution.text, 'solution', statistics, options);
}
