import type { EvidenceKind, Region, Sector } from '../contract/generated/resolvers-types';
import { requirementChecks, servesRegion, type ChallengeRequirements, type RequirementCheck, type SolutionQualifications } from '../challenges/challenge-requirements';
import type { SolutionTrackRecordRecord } from '../solutions/solution.model';
import { describeTrackRecord, trackRecordValue } from '../solutions/solution-track-record';
import { bm25, matchedTerms, type CorpusStatistics, type LexicalQuery, type TextProfile } from '../search/lexical-relevance';
import { MATCH_FEATURES, type FeatureWeights, type MatchFeature } from './match-weights';

/**
 * Pure scoring of one challenge–solution pair: feature values, a 0..1 score and an explanation.
 * No I/O, so the server, the relevance CLI and the benchmarks score exactly alike. Any field a
 * record lacks gives a neutral feature (the middle of the scale), never a penalty.
 */

/** The challenge as the matcher sees it; only `id` and `text` are always known. */
export interface MatchChallenge extends ChallengeRequirements {
  id: string;
  text: TextProfile;
  sectors?: readonly Sector[];
  tagTerms?: ReadonlySet<string>;
  budgetMinGbp?: number;
  budgetMaxGbp?: number;
  vector?: ArrayLike<number>;
}

/** The solution as the matcher sees it. */
export interface MatchSolution extends SolutionQualifications {
  id: string;
  text: TextProfile;
  sectors?: readonly Sector[];
  /** Terms of its tags and capabilities. */
  tagTerms?: ReadonlySet<string>;
  priceMinGbp?: number;
  priceMaxGbp?: number;
  vector?: ArrayLike<number>;
  /** What its completed pilots showed (outcomes and KPI achievement), recorded by the pilots feature. */
  trackRecord?: SolutionTrackRecordRecord | null;
}

/** Feature → value in 0..1, or null when the records do not say (neutral). */
export type FeatureValues = Record<MatchFeature, number | null>;

/** What the features are computed against: the query side prepared once, and the pool's best lexical score. */
export interface ScoringContext {
  query: LexicalQuery;
  statistics: CorpusStatistics;
  /** Lexical relevance is the BM25 score as a share of the best eligible one in the candidate pool. */
  bestLexical: number;
  now: Date;
  /**
   * Whose text is the query: the challenge's (solutions for a challenge, the default) or the
   * solution's (recommended challenges for a solution, and the backward half of reciprocal scoring).
   */
  queryFrom?: 'challenge' | 'solution';
}

/** The text being scored against the context's query. */
export function scoredText(challenge: MatchChallenge, solution: MatchSolution, context: Pick<ScoringContext, 'queryFrom'>): TextProfile {
  return context.queryFrom === 'solution' ? challenge.text : solution.text;
}

const share = (wanted: readonly unknown[] | ReadonlySet<unknown> | undefined, offered: ReadonlySet<unknown> | undefined): number | null => {
  const items = wanted ? [...wanted] : [];
  if (items.length === 0 || !offered || offered.size === 0) return null;
  return items.filter((item) => offered.has(item)).length / items.length;
};

export function cosine(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): number | null {
  if (!a || !b || a.length === 0 || a.length !== b.length) return null;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? null : Math.max(0, dot / Math.sqrt(normA * normB));
}

function regionFit(region: Region | undefined, regionsServed: readonly Region[] | undefined): number | null {
  if (!region || !regionsServed || regionsServed.length === 0) return null;
  if (regionsServed.includes(region)) return 1;
  // A national supplier can work anywhere, but one that names the region already works there.
  return servesRegion(regionsServed, region) ? 0.7 : 0;
}

function budgetFit(challenge: MatchChallenge, solution: MatchSolution): number | null {
  const budget = challenge.budgetMaxGbp;
  const price = solution.priceMinGbp;
  if (budget === undefined || price === undefined || budget <= 0) return null;
  return price <= budget ? 1 : budget / price;
}

function maturityFit(minTrl: number | undefined, trl: number | undefined): number | null {
  if (trl === undefined) return null;
  if (minTrl === undefined) return trl / 9;
  if (trl < minTrl) return 0;
  // Each level above the minimum is a pilot with less risk, up to three.
  return Math.min(1, 0.7 + 0.1 * (trl - minTrl));
}

const EVIDENCE_VALUE: Record<EvidenceKind, number> = { PREVIOUS_DEPLOYMENT: 0.5, CASE_STUDY: 0.35, ACCREDITATION: 0.2, CERTIFICATION: 0.2 };

function evidenceStrength(solution: MatchSolution, now: Date): number | null {
  if (!solution.evidence) return null;
  const total = solution.evidence.reduce((sum, item) => {
    const lapsed = item.accreditation != null && item.accreditation.expiresAt.getTime() <= now.getTime();
    return lapsed ? sum : sum + EVIDENCE_VALUE[item.kind];
  }, 0);
  return 1 - Math.exp(-total);
}

/** Every feature of one pair; `lexicalScore` is the pair's BM25 when the caller has it already. */
export function featureValues(
  challenge: MatchChallenge,
  solution: MatchSolution,
  context: ScoringContext,
  lexicalScore = bm25(context.query, scoredText(challenge, solution, context), context.statistics),
): FeatureValues {
  const lexical = context.bestLexical > 0 ? Math.min(1, lexicalScore / context.bestLexical) : 0;
  return {
    lexical,
    semantic: cosine(challenge.vector, solution.vector),
    sectorOverlap: share(challenge.sectors, solution.sectors ? new Set(solution.sectors) : undefined),
    tagOverlap: share(challenge.tagTerms, solution.tagTerms),
    regionFit: regionFit(challenge.region, solution.regionsServed),
    budgetFit: budgetFit(challenge, solution),
    maturityFit: maturityFit(challenge.minTrl, solution.trl),
    evidenceStrength: evidenceStrength(solution, context.now),
    trackRecord: trackRecordValue(solution.trackRecord),
  };
}

/**
 * What an unknown feature counts as: the middle of the scale. Leaving it out of the mean instead
 * would reward silence (a record stating nothing but matching words would beat one whose stated,
 * good-but-imperfect facts pull its mean below its word match).
 */
export const NEUTRAL_VALUE = 0.5;

/** The weighted mean of the features, unknown ones counted as neutral; in 0..1. */
export function scoreOf(values: FeatureValues, weights: FeatureWeights): number {
  let weighted = 0;
  let total = 0;
  for (const feature of MATCH_FEATURES) {
    const weight = weights[feature];
    if (weight <= 0) continue;
    weighted += weight * (values[feature] ?? NEUTRAL_VALUE);
    total += weight;
  }
  return total === 0 ? 0 : weighted / total;
}

/** One feature's part in a score; the contributions add up to the score. */
export interface FeatureContribution {
  feature: MatchFeature;
  value: number | null;
  weight: number;
  contribution: number;
  note: string;
}

/** Why a pair scored as it did, and which requirements it met or missed. */
export interface ExplanationRecord {
  score: number;
  features: FeatureValues;
  contributions: FeatureContribution[];
  matchedTerms: string[];
  checksPassed: RequirementCheck[];
  /** Requirements missed: non-empty only for a near-miss, which is never suggested. */
  whyNot: string[];
  eligible: boolean;
}

const NEUTRAL_NOTE: Record<MatchFeature, string> = {
  lexical: 'no text to compare',
  semantic: 'no embedding stored for this solution yet',
  sectorOverlap: 'sectors not stated on both sides',
  tagOverlap: 'tags not stated on both sides',
  regionFit: 'region not stated on both sides',
  budgetFit: 'budget or price not stated',
  maturityFit: 'TRL not stated',
  evidenceStrength: 'evidence not stated',
  trackRecord: 'no completed pilots yet',
};

/** Without the challenge's vector the whole run was keyword-only: the explanation says so. */
const KEYWORD_ONLY_NOTE = 'neutral: no embedding model is running, so candidates were retrieved and scored by keywords only';

function noteFor(feature: MatchFeature, value: number | null, challenge: MatchChallenge, solution: MatchSolution): string {
  if (value === null) return feature === 'semantic' && !challenge.vector ? KEYWORD_ONLY_NOTE : `neutral: ${NEUTRAL_NOTE[feature]}`;
  const percent = `${Math.round(value * 100)}%`;
  switch (feature) {
    case 'lexical':
      return `${percent} of the best wording match among the candidates`;
    case 'semantic':
      return `meaning similarity ${value.toFixed(2)}`;
    case 'sectorOverlap':
      return `works in ${percent} of the challenge's sectors`;
    case 'tagOverlap':
      return `${percent} of the challenge's tag words among its tags and capabilities`;
    case 'regionFit':
      return value === 1 ? 'names the challenge region' : value > 0 ? 'serves it as a UK-wide supplier' : 'does not serve the region';
    case 'budgetFit':
      return value === 1 ? 'prices start within the budget' : `lowest price is ${Math.round(1 / value * 100 - 100)}% over the budget`;
    case 'maturityFit':
      return `maturity fit ${percent}`;
    case 'evidenceStrength':
      return `evidence strength ${percent}`;
    case 'trackRecord':
      return solution.trackRecord ? `track record ${percent}: ${describeTrackRecord(solution.trackRecord)}` : `track record ${percent}`;
  }
}

/** Scores and explains one pair, including the eligibility checks and, for a near-miss, why not. */
export function explainMatch(
  challenge: MatchChallenge,
  solution: MatchSolution,
  context: ScoringContext,
  weights: FeatureWeights,
  values = featureValues(challenge, solution, context),
): ExplanationRecord {
  const score = scoreOf(values, weights);
  const total = MATCH_FEATURES.reduce((sum, feature) => sum + Math.max(0, weights[feature]), 0);
  const contributions = MATCH_FEATURES.map((feature) => {
    const value = values[feature];
    const weight = weights[feature];
    const contribution = weight <= 0 || total === 0 ? 0 : (weight * (value ?? NEUTRAL_VALUE)) / total;
    return { feature, value, weight, contribution, note: noteFor(feature, value, challenge, solution) };
  });
  const checks = requirementChecks(challenge, solution, context.now);
  const failed = checks.filter((check) => !check.passed);
  return {
    score,
    features: values,
    contributions,
    matchedTerms: matchedTerms(context.query, scoredText(challenge, solution, context), context.statistics, 8),
    checksPassed: checks.filter((check) => check.passed),
    whyNot: failed.flatMap((check) => check.details ?? [check.message]),
    eligible: failed.length === 0,
  };
}

/** The hard filter: every requirement met. */
export function isEligible(challenge: MatchChallenge, solution: MatchSolution, now: Date): boolean {
  return requirementChecks(challenge, solution, now).every((check) => check.passed);
}

/** Reciprocal fit: high only when the pair ranks well from both sides (harmonic mean, as in RECON). */
export function reciprocalScore(forward: number, backward: number): number {
  return forward + backward === 0 ? 0 : (2 * forward * backward) / (forward + backward);
}

