import { Schema, model, type Types } from 'mongoose';
import { recordsDomainEvents } from '../db/domain-events';
import { sdlEnumValues } from '../contract/sdl';
import { searchTracked, type SearchTracked } from '../search-sync/search-tracked.plugin';
import type {
  Accreditation,
  ChallengeCloseReason,
  ChallengeStatus,
  KpiDirection,
  Region,
  Sector,
} from '../contract/generated/resolvers-types';

/** A measurable outcome the pilot should achieve; the direction says which way is better. */
export interface SuccessKpiRecord {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  direction: KpiDirection;
}

/**
 * A public body's challenge. Solutions, responses and matching import this shape; `status` and
 * `version` only ever change through challenge.service.ts.
 */
export interface ChallengeRecord extends SearchTracked {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  createdBy: Types.ObjectId;
  title: string;
  summary: string;
  what: string;
  why: string;
  how: string;
  sectors: Sector[];
  tags: string[];
  region: Region;
  budgetMinGbp: number;
  budgetMaxGbp: number;
  pilotLengthWeeks: number;
  responseDeadline: Date;
  minTrl: number;
  requiredAccreditations: Accreditation[];
  kpis: SuccessKpiRecord[];
  status: ChallengeStatus;
  closeReason?: ChallengeCloseReason | null;
  version: number;
  staffFeedback?: string | null;
  submittedAt?: Date | null;
  publishedAt?: Date | null;
  publishedBy?: Types.ObjectId | null;
  closedAt?: Date | null;
  withdrawnAt?: Date | null;
  archivedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const kpiSchema = new Schema<SuccessKpiRecord>(
  {
    name: { type: String, required: true },
    unit: { type: String, required: true },
    baseline: { type: Number, required: true },
    target: { type: Number, required: true },
    direction: { type: String, required: true, enum: sdlEnumValues('KpiDirection') },
  },
  { _id: false },
);

const challengeSchema = new Schema<ChallengeRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    summary: { type: String, required: true },
    what: { type: String, required: true },
    why: { type: String, required: true },
    how: { type: String, required: true },
    sectors: { type: [{ type: String, enum: sdlEnumValues('Sector') }], required: true },
    tags: { type: [String], default: [] },
    region: { type: String, required: true, enum: sdlEnumValues('Region') },
    budgetMinGbp: { type: Number, required: true },
    budgetMaxGbp: { type: Number, required: true },
    pilotLengthWeeks: { type: Number, required: true },
    responseDeadline: { type: Date, required: true },
    minTrl: { type: Number, required: true },
    requiredAccreditations: { type: [{ type: String, enum: sdlEnumValues('Accreditation') }], default: [] },
    kpis: { type: [kpiSchema], default: [] },
    status: { type: String, required: true, enum: sdlEnumValues('ChallengeStatus') },
    closeReason: { type: String, enum: sdlEnumValues('ChallengeCloseReason') },
    version: { type: Number, required: true, default: 1 },
    staffFeedback: { type: String },
    submittedAt: { type: Date },
    publishedAt: { type: Date },
    publishedBy: { type: Schema.Types.ObjectId },
    closedAt: { type: Date },
    withdrawnAt: { type: Date },
    archivedAt: { type: Date },
  },
  { timestamps: true },
);
// Public listings (OPEN, newest first) and the lazy deadline sweep (OPEN, deadline passed).
challengeSchema.index({ status: 1, _id: -1 });
challengeSchema.index({ status: 1, responseDeadline: 1 });
// An organisation's own challenges, newest first.
challengeSchema.index({ organisationId: 1, _id: -1 });

challengeSchema.plugin(searchTracked);

// Lifecycle transitions record their domain event in the same write as the change.
challengeSchema.plugin(recordsDomainEvents);

export const ChallengeModel = model<ChallengeRecord>('Challenge', challengeSchema);
