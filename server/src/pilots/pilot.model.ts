import { Schema, model, type Types } from 'mongoose';
import { recordsDomainEvents, type RecordsDomainEvents } from '../db/domain-events';
import { sdlEnumValues } from '../contract/sdl';
import type { KpiDirection, PilotOutcomeKind, PilotParty, PilotStatus } from '../contract/generated/resolvers-types';

export interface PilotMeasurementRecord {
  value: number;
  measuredOn: Date;
  note?: string | null;
  recordedByUserId: Types.ObjectId;
  recordedAt: Date;
}

/** A success KPI as the pilot tracks it: the challenge's, possibly refined while PLANNING, with its measurements. */
export interface PilotKpiRecord {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  direction: KpiDirection;
  measurements: PilotMeasurementRecord[];
}

export interface PilotMilestoneRecord {
  _id: Types.ObjectId;
  title: string;
  deliverable: string;
  successCriterion: string;
  dueOn: Date;
  doneOn?: Date | null;
  /** When the overdue sweeper recorded this milestone's MILESTONE_OVERDUE event: once per milestone. */
  overdueRecordedAt?: Date | null;
}

export interface PilotUpdateRecord {
  text: string;
  byUserId: Types.ObjectId;
  party: PilotParty;
  at: Date;
}

export interface PilotOutcomeRecord {
  kind: PilotOutcomeKind;
  contractValueGbp?: number | null;
  contractStartsOn?: Date | null;
  contractEndsOn?: Date | null;
  stopReason?: string | null;
}

/**
 * One pilot per ACCEPTED match. The organisations are copied from the match so that every
 * permission check reads the pilot alone.
 */
export interface PilotRecord extends RecordsDomainEvents {
  _id: Types.ObjectId;
  matchId: Types.ObjectId;
  challengeId: Types.ObjectId;
  challengeOrganisationId: Types.ObjectId;
  solutionId: Types.ObjectId;
  solutionOrganisationId: Types.ObjectId;
  status: PilotStatus;
  kpis: PilotKpiRecord[];
  milestones: PilotMilestoneRecord[];
  updates: PilotUpdateRecord[];
  plannedLengthWeeks: number;
  liveAt?: Date | null;
  evaluatingAt?: Date | null;
  completedAt?: Date | null;
  outcome?: PilotOutcomeRecord | null;
  cancelledAt?: Date | null;
  cancelReason?: string | null;
  createdBy?: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const measurementSchema = new Schema<PilotMeasurementRecord>(
  {
    value: { type: Number, required: true },
    measuredOn: { type: Date, required: true },
    note: { type: String },
    recordedByUserId: { type: Schema.Types.ObjectId, required: true },
    recordedAt: { type: Date, required: true },
  },
  { _id: false },
);

const kpiSchema = new Schema<PilotKpiRecord>(
  {
    name: { type: String, required: true },
    unit: { type: String, required: true },
    baseline: { type: Number, required: true },
    target: { type: Number, required: true },
    direction: { type: String, required: true, enum: sdlEnumValues('KpiDirection') },
    measurements: { type: [measurementSchema], default: [] },
  },
  { _id: false },
);

const milestoneSchema = new Schema<PilotMilestoneRecord>({
  title: { type: String, required: true },
  deliverable: { type: String, required: true },
  successCriterion: { type: String, required: true },
  dueOn: { type: Date, required: true },
  // Stored as null until done, so that completing can be conditional on it still being null.
  doneOn: { type: Date, default: null },
  overdueRecordedAt: { type: Date, default: null },
});

const updateSchema = new Schema<PilotUpdateRecord>(
  {
    text: { type: String, required: true },
    byUserId: { type: Schema.Types.ObjectId, required: true },
    party: { type: String, required: true, enum: sdlEnumValues('PilotParty') },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const outcomeSchema = new Schema<PilotOutcomeRecord>(
  {
    kind: { type: String, required: true, enum: sdlEnumValues('PilotOutcomeKind') },
    contractValueGbp: { type: Number },
    contractStartsOn: { type: Date },
    contractEndsOn: { type: Date },
    stopReason: { type: String },
  },
  { _id: false },
);

const pilotSchema = new Schema<PilotRecord>(
  {
    matchId: { type: Schema.Types.ObjectId, required: true },
    challengeId: { type: Schema.Types.ObjectId, required: true },
    challengeOrganisationId: { type: Schema.Types.ObjectId, required: true },
    solutionId: { type: Schema.Types.ObjectId, required: true },
    solutionOrganisationId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, required: true, enum: sdlEnumValues('PilotStatus') },
    kpis: { type: [kpiSchema], default: [] },
    milestones: { type: [milestoneSchema], default: [] },
    updates: { type: [updateSchema], default: [] },
    plannedLengthWeeks: { type: Number, required: true },
    liveAt: { type: Date },
    evaluatingAt: { type: Date },
    completedAt: { type: Date },
    outcome: { type: outcomeSchema },
    cancelledAt: { type: Date },
    cancelReason: { type: String },
    createdBy: { type: Schema.Types.ObjectId },
    version: { type: Number, required: true, default: 1 },
  },
  { timestamps: true, minimize: false },
);
recordsDomainEvents(pilotSchema);
// The invariant behind exactly-once creation: however many attempts race, one pilot per match.
pilotSchema.index({ matchId: 1 }, { unique: true });
// Each side's pilots.
pilotSchema.index({ challengeOrganisationId: 1, createdAt: -1 });
pilotSchema.index({ solutionOrganisationId: 1, createdAt: -1 });
// A challenge's pilots, which the reporting rollup recounts on each pilot event.
pilotSchema.index({ challengeId: 1 });

export const PilotModel = model<PilotRecord>('Pilot', pilotSchema);
