/**
 * The features a suggestion is scored on, and how much each counts. One configuration: the
 * matcher, the explanations, the benchmarks and learning all read it from here. Learned weights
 * (`npm run match -- --learn`) replace these only when they beat them on held-out decisions.
 */
export const MATCH_FEATURES = [
  'lexical',
  'semantic',
  'sectorOverlap',
  'tagOverlap',
  'regionFit',
  'budgetFit',
  'maturityFit',
  'evidenceStrength',
  'trackRecord',
] as const;

export type MatchFeature = (typeof MATCH_FEATURES)[number];

export type FeatureWeights = Record<MatchFeature, number>;

/**
 * Defaults, chosen on the seeds' development set and SciFact together (README, "Matching"):
 * - lexical: BM25 of the challenge's words in the solution, as a share of the best in the pool. What
 *   the texts say is the strongest evidence of fit, so it carries most weight.
 * - semantic: cosine of the stored embeddings; catches the same need in other words.
 * - sectorOverlap: share of the challenge's sectors the solution works in.
 * - tagOverlap: share of the challenge's tag words among the solution's tags and capabilities.
 * - regionFit: 1 for a solution that names the region, less for a UK-wide one.
 * - budgetFit: 1 when the price range reaches into the budget, falling as the lowest price exceeds it.
 * - maturityFit: TRL above the minimum lowers the risk of a pilot.
 * - evidenceStrength: deployments, case studies and valid accreditations, saturating.
 * - trackRecord: outcomes and KPI achievement of the solution's completed pilots (solution-track-record.ts),
 *   neutral without any. Neither evaluation set has pilots, so its weight cannot be tuned on them: it is
 *   half the tags' weight, enough to order close candidates by proof, too little to outrank fit. With
 *   every solution neutral (both sets) it moves every score alike and changes no ranking.
 */
export const DEFAULT_WEIGHTS: FeatureWeights = {
  lexical: 0.55,
  semantic: 0.25,
  sectorOverlap: 0.02,
  tagOverlap: 0.1,
  regionFit: 0.01,
  budgetFit: 0.01,
  maturityFit: 0.01,
  evidenceStrength: 0.01,
  trackRecord: 0.05,
};
