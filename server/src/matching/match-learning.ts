import { createHash } from 'node:crypto';
import type { ServiceContext } from '../context/service-context';
import { forbidden } from '../shared/errors';
import { isStaff, isSystem } from '../shared/actor';
import type { MatchEvent } from '../contract/generated/resolvers-types';
import { NEUTRAL_VALUE, scoreOf, type FeatureValues } from './match-scoring';
import { DEFAULT_WEIGHTS, MATCH_FEATURES, type FeatureWeights } from './match-weights';
import { LearnedWeightsModel } from './match-weights.model';
import { MatchModel } from './match.model';

/**
 * Learning the feature weights from curators' decisions. Every decision in a match's history
 * carries the feature values the match had then: shortlisting, introducing and accepting say
 * "a good pair", rejecting and declining say "not". A logistic regression on those values gives
 * each feature's pull; the non-negative part, normalised, becomes a weight set in the matcher's
 * own terms (a weighted mean). Learnt weights replace the defaults only if they rank the held-out
 * decisions better (pairwise: how often a good pair outscores a bad one).
 */

const POSITIVE: readonly MatchEvent[] = ['SHORTLIST', 'INTRODUCE', 'ACCEPT'];
const NEGATIVE: readonly MatchEvent[] = ['REJECT', 'DECLINE'];
/** Fewer decisions than this say too little to learn from. */
const MIN_DECISIONS = 20;

interface Decision {
  matchId: string;
  features: FeatureValues;
  good: boolean;
}

/** Every decision curators and the two sides made, with the features at decision time. */
async function decisions(): Promise<Decision[]> {
  const found: Decision[] = [];
  for await (const match of MatchModel.find({}).select({ history: 1 }).lean().cursor()) {
    for (const entry of match.history) {
      const good = POSITIVE.includes(entry.event) ? true : NEGATIVE.includes(entry.event) ? false : undefined;
      if (good !== undefined) found.push({ matchId: match._id.toHexString(), features: entry.features, good });
    }
  }
  return found;
}

/** A stable split by match, so one match's decisions never sit on both sides. */
const heldOut = (matchId: string) => (createHash('sha256').update(matchId).digest()[0] ?? 0) < 256 * 0.3;

const vectorOf = (features: FeatureValues) => MATCH_FEATURES.map((feature) => features[feature] ?? NEUTRAL_VALUE);

/** How often a good decision's pair outscores a bad one's (ties count half): 0.5 is chance. */
export function pairwiseAccuracy(sample: readonly Decision[], weights: FeatureWeights): number {
  const scored = sample.map((decision) => ({ good: decision.good, score: scoreOf(decision.features, weights) }));
  const good = scored.filter((entry) => entry.good);
  const bad = scored.filter((entry) => !entry.good);
  if (good.length === 0 || bad.length === 0) return Number.NaN;
  let wins = 0;
  for (const g of good) for (const b of bad) wins += g.score > b.score ? 1 : g.score === b.score ? 0.5 : 0;
  return wins / (good.length * bad.length);
}

/** Logistic regression by gradient descent with a little L2, on standardised inputs. */
function fitLogistic(sample: readonly Decision[]): number[] {
  const rows = sample.map((decision) => vectorOf(decision.features));
  const width = MATCH_FEATURES.length;
  const mean = Array.from({ length: width }, (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / rows.length);
  const spread = Array.from({ length: width }, (_, j) => Math.sqrt(rows.reduce((sum, row) => sum + (row[j]! - mean[j]!) ** 2, 0) / rows.length));
  // A feature that never varies in the log says nothing; rounding must not make it look like it does.
  const varies = spread.map((value) => value > 1e-9);
  const x = rows.map((row) => row.map((value, j) => (varies[j] ? (value - mean[j]!) / spread[j]! : 0)));
  const coefficients = new Array<number>(width).fill(0);
  let intercept = 0;
  for (let step = 0; step < 2000; step += 1) {
    const gradient = new Array<number>(width).fill(0);
    let interceptGradient = 0;
    x.forEach((row, i) => {
      const z = intercept + row.reduce((sum, value, j) => sum + value * coefficients[j]!, 0);
      const error = 1 / (1 + Math.exp(-z)) - (sample[i]!.good ? 1 : 0);
      interceptGradient += error;
      row.forEach((value, j) => (gradient[j]! += error * value));
    });
    intercept -= (0.5 * interceptGradient) / x.length;
    for (let j = 0; j < width; j += 1) coefficients[j]! -= 0.5 * (gradient[j]! / x.length + 0.01 * coefficients[j]!);
  }
  // Back on the features' own scale: the weight a raw 0..1 value gets.
  return coefficients.map((coefficient, j) => (varies[j] ? coefficient / spread[j]! : 0));
}

/** The fitted pulls as matcher weights: only features that help count, shares of one. */
function asWeights(coefficients: number[]): FeatureWeights {
  const positive = coefficients.map((coefficient) => Math.max(0, coefficient));
  const total = positive.reduce((sum, value) => sum + value, 0);
  if (total === 0) return DEFAULT_WEIGHTS;
  return Object.fromEntries(MATCH_FEATURES.map((feature, j) => [feature, Number((positive[j]! / total).toFixed(4))])) as FeatureWeights;
}

export interface LearningReport {
  decisions: number;
  training: number;
  heldOut: number;
  defaultWeights: FeatureWeights;
  learnedWeights: FeatureWeights | null;
  heldOutAccuracy: { defaults: number; learned: number | null };
  adopted: boolean;
  reason: string;
}

/** Fits weights from the decision log and adopts them only when they beat the defaults on held-out decisions. */
export async function learnWeights(ctx: ServiceContext): Promise<LearningReport> {
  if (!isSystem(ctx.actor) && !isStaff(ctx.actor)) throw forbidden('Only the platform and staff change how the matcher weighs features.');
  const log = await decisions();
  const training = log.filter((decision) => !heldOut(decision.matchId));
  const test = log.filter((decision) => heldOut(decision.matchId));
  const base = { decisions: log.length, training: training.length, heldOut: test.length, defaultWeights: DEFAULT_WEIGHTS };
  const defaults = pairwiseAccuracy(test, DEFAULT_WEIGHTS);
  const bothKinds = (sample: Decision[]) => sample.some((d) => d.good) && sample.some((d) => !d.good);
  if (log.length < MIN_DECISIONS || !bothKinds(training) || !bothKinds(test)) {
    return { ...base, learnedWeights: null, heldOutAccuracy: { defaults, learned: null }, adopted: false, reason: `need at least ${MIN_DECISIONS} decisions, good and bad on both sides of the split` };
  }
  const learned = asWeights(fitLogistic(training));
  const learnedAccuracy = pairwiseAccuracy(test, learned);
  const adopted = learnedAccuracy > defaults;
  const report: LearningReport = {
    ...base,
    learnedWeights: learned,
    heldOutAccuracy: { defaults: Number(defaults.toFixed(4)), learned: Number(learnedAccuracy.toFixed(4)) },
    adopted,
    reason: adopted ? 'the learnt weights rank held-out decisions better' : 'the defaults rank held-out decisions at least as well',
  };
  if (adopted) {
    await LearnedWeightsModel.updateOne(
      { key: 'in-force' },
      { $set: { weights: learned, adoptedAt: ctx.now, report: { ...report } } },
      { upsert: true },
    );
  }
  return report;
}
