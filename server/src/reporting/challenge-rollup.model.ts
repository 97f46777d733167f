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

/** One of the challenge's pilots, as the dashboard counts it. */
export interface RolledUpPilotRecord {
  matchId: Types.ObjectId;
  status: PilotStatus;
  outcome?: PilotOutcomeKind | null;
  /** Each measured KPI's progress towards its target (pilot.progress.ts). */
  kpiProgress: number[];
  createdAt: Date;
}

/** The parts of a row, each recounted from its own records: a part's figures change only with them. */
export type RollupPart = 'responses' | 'matches' | 'pilots';

/**
 * One challenge's reporting figures, so that a report reads a small row per challenge instead of
 * every match. Recounted from the source records whenever an event about them arrives, never
 * incremented, so a redelivered event cannot count twice.
 */
export interface ChallengeRollupRecord {
  /** The challenge's id. */
  _id: Types.ObjectId;
  responses: number;
  suggested: number;
  /** Matches that were ever shortlisted, even if rejected later. */
  shortlisted: number;
  accepted: number;
  introductions: IntroductionRecord[];
  /** The StartupTallyRecords, packed (startup-tallies.ts). */
  startups: Buffer;
  pilots: RolledUpPilotRecord[];
  /**
   * Per part, the sum of the versions of the records it was counted from. Versions only grow and
   * these records are never deleted, so a larger sum was read later: a slower recount holding an
   * older read cannot overwrite a newer one.
   */
  countedFrom: Partial<Record<RollupPart, number>>;
}

const challengeRollupSchema = new Schema<ChallengeRollupRecord>(
  {
    responses: { type: Number, default: 0 },
    suggested: { type: Number, default: 0 },
    shortlisted: { type: Number, default: 0 },
    accepted: { type: Number, default: 0 },
    introductions: { type: [{ _id: false, matchId: Schema.Types.ObjectId, at: Date }], default: [] },
    startups: { type: Buffer },
    pilots: {
      type: [{ _id: false, matchId: Schema.Types.ObjectId, status: String, outcome: String, kpiProgress: [Number], createdAt: Date }],
      default: [],
    },
    countedFrom: { responses: { type: Number }, matches: { type: Number }, pilots: { type: Number } },
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
