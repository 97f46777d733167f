import { Schema, model, type Types } from 'mongoose';
import { sdlEnumValues } from '../contract/sdl';
import { recordsEventsInOwnHistory } from '../db/domain-events';
import type { MatchEvent, MatchParty, MatchRejectionReason, MatchSource, MatchStatus } from '../contract/generated/resolvers-types';
import type { ExplanationRecord, FeatureValues } from './match-scoring';

/**
 * One step in a match's life, written in the same atomic update as the status change it records:
 * the history is the match's audit log, and with the feature values at decision time it is also
 * the log the matcher learns its weights from.
 */
export interface MatchTransitionRecord {
  event: MatchEvent;
  from?: MatchStatus | null;
  to: MatchStatus;
  byUserId?: Types.ObjectId | null;
  party?: MatchParty | null;
  at: Date;
  note?: string | null;
  rejectionReason?: MatchRejectionReason | null;
  /** The match's feature values when the decision was made. */
  features: FeatureValues;
}

export interface MatchStaffNoteRecord {
  byUserId: Types.ObjectId;
  at: Date;
  text: string;
}

/** A suggested or curated pairing; one per (challenge, solution). */
export interface MatchRecord {
  _id: Types.ObjectId;
  challengeId: Types.ObjectId;
  challengeOrganisationId: Types.ObjectId;
  solutionId: Types.ObjectId;
  solutionOrganisationId: Types.ObjectId;
  source: MatchSource;
  status: MatchStatus;
  score: number;
  explanation: ExplanationRecord;
  /**
   * What the two records said, as far as matching reads them, when the match was last judged: a
   * rejected pair is suggested again only when this changes.
   */
  materialKey: string;
  publicBodyAcceptedAt?: Date | null;
  startupAcceptedAt?: Date | null;
  declinedBy?: MatchParty | null;
  declineReason?: string | null;
  rejectionReason?: MatchRejectionReason | null;
  history: MatchTransitionRecord[];
  staffNotes: MatchStaffNoteRecord[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const transitionSchema = new Schema<MatchTransitionRecord>(
  {
    event: { type: String, required: true, enum: sdlEnumValues('MatchEvent') },
    from: { type: String, enum: sdlEnumValues('MatchStatus') },
    to: { type: String, required: true, enum: sdlEnumValues('MatchStatus') },
    byUserId: { type: Schema.Types.ObjectId },
    party: { type: String, enum: sdlEnumValues('MatchParty') },
    at: { type: Date, required: true },
    note: { type: String },
    rejectionReason: { type: String, enum: sdlEnumValues('MatchRejectionReason') },
    features: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false },
);

const staffNoteSchema = new Schema<MatchStaffNoteRecord>(
  { byUserId: { type: Schema.Types.ObjectId, required: true }, at: { type: Date, required: true }, text: { type: String, required: true } },
  { _id: false },
);

const matchSchema = new Schema<MatchRecord>(
  {
    challengeId: { type: Schema.Types.ObjectId, required: true },
    challengeOrganisationId: { type: Schema.Types.ObjectId, required: true },
    solutionId: { type: Schema.Types.ObjectId, required: true },
    solutionOrganisationId: { type: Schema.Types.ObjectId, required: true },
    source: { type: String, required: true, enum: sdlEnumValues('MatchSource') },
    status: { type: String, required: true, enum: sdlEnumValues('MatchStatus') },
    score: { type: Number, required: true },
    explanation: { type: Schema.Types.Mixed, required: true },
    materialKey: { type: String, required: true },
    publicBodyAcceptedAt: { type: Date },
    startupAcceptedAt: { type: Date },
    declinedBy: { type: String, enum: sdlEnumValues('MatchParty') },
    declineReason: { type: String },
    rejectionReason: { type: String, enum: sdlEnumValues('MatchRejectionReason') },
    history: { type: [transitionSchema], default: [] },
    staffNotes: { type: [staffNoteSchema], default: [] },
    version: { type: Number, required: true, default: 1 },
  },
  { timestamps: true, minimize: false },
);
// The history is also the match's domain events: every write pushing onto it marks the match for the event dispatcher.
matchSchema.plugin(recordsEventsInOwnHistory);
// The invariant: one match per pair, whoever creates it and however many runs race.
matchSchema.index({ challengeId: 1, solutionId: 1 }, { unique: true });
// The curation queue, best first, across challenges and per challenge.
matchSchema.index({ status: 1, score: -1 });
matchSchema.index({ challengeId: 1, status: 1, score: -1 });
// Each side's introductions.
matchSchema.index({ challengeOrganisationId: 1, status: 1 });
matchSchema.index({ solutionOrganisationId: 1, status: 1 });

export const MatchModel = model<MatchRecord>('Match', matchSchema);
