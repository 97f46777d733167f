import { Schema, model, type Types } from 'mongoose';
import type { FeatureWeights } from './match-weights';

/**
 * Learnt weights, adopted only when they beat the defaults on held-out curator decisions
 * (`npm run match -- --learn`). One document; absent means the defaults are in force.
 */
export interface LearnedWeightsRecord {
  _id: Types.ObjectId;
  key: 'in-force';
  weights: FeatureWeights;
  adoptedAt: Date;
  /** What the fit measured when adopted: held-out figures for the defaults and the learnt weights. */
  report: Record<string, unknown>;
}

const learnedWeightsSchema = new Schema<LearnedWeightsRecord>(
  {
    key: { type: String, required: true, unique: true },
    weights: { type: Schema.Types.Mixed, required: true },
    adoptedAt: { type: Date, required: true },
    report: { type: Schema.Types.Mixed, required: true },
  },
  { minimize: false },
);

export const LearnedWeightsModel = model<LearnedWeightsRecord>('MatchLearnedWeights', learnedWeightsSchema, 'match_learned_weights');
