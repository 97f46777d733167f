import { Schema, model, type Types } from 'mongoose';
import type { PilotOutcomeKind, PilotStatus } from '../contract/generated/resolvers-types';

/** How often one start-up's solutions were suggested for the challenge, and how far they got. */
export interface StartupTallyRecord {
  organisationId: Types.ObjectId;
  suggested: number;
  shortlisted: number;
  accepted: number;
}

/** One of the challenge's matches ever introduced, with its first introduction. */
export interface IntroductionRecord {
  matchId: Types.ObjectId;
  at: Date;
}

/** What one source record contributes to its challenge's row, as of the record's `version`. */
export interface CountedRecord {
  recordId: Types.ObjectId;
  version: number;
}

/** A match as the figures count it: at each stage it reached, even if it moved on or was rejected later. */
export interface CountedMatchRecord extends CountedRecord {
  organisationId: Types.ObjectId;
  shortlisted: boolean;
  accepted: boolean;
  /** Its first introduction, if it had one. */
  introducedAt?: Date | null;
}

/** One of the challenge's pilots, as the dashboard counts it. */
export interface CountedPilotRecord extends CountedRecord {
  matchId: Types.ObjectId;
  status: PilotStatus;
  outcome?: PilotOutcomeKind | null;
  /** Each measured KPI's progress towards its target (pilot.progress.ts). */
  kpiProgress: number[];
  createdAt: Date;
}

/**
 * One challenge's reporting figures, so that a report reads a small row per challenge instead of
 * every match. The row keeps each of its records' contributions with the version it was taken
 * at, and the figures summed from them: an event replaces its record's contribution only with a
 * newer one, so a redelivered or late event changes nothing, and nothing is ever incremented.
 */
export interface ChallengeRollupRecord {
  /** The challenge's id. */
  _id: Types.ObjectId;
  /** Bumped by every write, which is conditional on the revision read. */
  revision: number;
  responseEntries: CountedRecord[];
  matchEntries: CountedMatchRecord[];
  /** The pilots' contributions are the figures the dashboard reads. */
  pilots: CountedPilotRecord[];
  responses: number;
  suggested: number;
  shortlisted: number;
  accepted: number;
  introductions: IntroductionRecord[];
  /** The StartupTallyRecords, packed (startup-tallies.ts). */
  startups: Buffer;
}

const counted = { _id: false, recordId: { type: Schema.Types.ObjectId, required: true }, version: { type: Number, required: true } };

const challengeRollupSchema = new Schema<ChallengeRollupRecord>(
  {
    revision: { type: Number, required: true, default: 0 },
    responseEntries: { type: [counted], default: [] },
    matchEntries: { type: [{ ...counted, organisationId: Schema.Types.ObjectId, shortlisted: Boolean, accepted: Boolean, introducedAt: Date }], default: [] },
    pilots: { type: [{ ...counted, matchId: Schema.Types.ObjectId, status: String, outcome: String, kpiProgress: [Number], createdAt: Date }], default: [] },
    responses: { type: Number, default: 0 },
    suggested: { type: Number, default: 0 },
    shortlisted: { type: Number, default: 0 },
    accepted: { type: Number, default: 0 },
    introductions: { type: [{ _id: false, matchId: Schema.Types.ObjectId, at: Date }], default: [] },
    startups: { type: Buffer },
  },
  { versionKey: false, minimize: false },
);

export const ChallengeRollupModel = model<ChallengeRollupRecord>('ChallengeRollup', challengeRollupSchema, 'challenge_rollups');

/** Which format of the rows the database holds, so a worker rebuilds them when the code counts differently. */
interface RollupStateRecord {
  _id: string;
  format: number;
  builtAt: Date;
}

export const RollupStateModel = model<RollupStateRecord>(
  'RollupState',
  new Schema<RollupStateRecord>({ _id: { type: String }, format: { type: Number, required: true }, builtAt: { type: Date, required: true } }, { versionKey: false }),
  'rollup_state',
);
