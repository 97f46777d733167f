import { Schema, model, type Types } from 'mongoose';
import { recordsDomainEvents } from '../db/domain-events';
import { sdlEnumValues } from '../contract/sdl';
import type { ResponseStatus } from '../contract/generated/resolvers-types';

/** A start-up's response to a challenge with one of its solutions. */
export interface ResponseRecord {
  _id: Types.ObjectId;
  challengeId: Types.ObjectId;
  /** The public body owning the challenge, copied at submission so visibility needs no second read. */
  challengeOrganisationId: Types.ObjectId;
  solutionId: Types.ObjectId;
  /** The responding start-up. */
  organisationId: Types.ObjectId;
  submittedBy: Types.ObjectId;
  pitch: string;
  kpiApproach: string;
  kpiNotes: { kpiName: string; note: string }[];
  indicativePriceGbp: number;
  timelineWeeks: number;
  status: ResponseStatus;
  declineReason?: string | null;
  /**
   * `<challengeId>:<organisationId>` while the response counts against the one-per-start-up rule,
   * re-keyed when withdrawn: a unique index on it enforces the rule without partial indexes.
   */
  liveKey: string;
  version: number;
  submittedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const responseSchema = new Schema<ResponseRecord>(
  {
    challengeId: { type: Schema.Types.ObjectId, required: true },
    challengeOrganisationId: { type: Schema.Types.ObjectId, required: true },
    solutionId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    submittedBy: { type: Schema.Types.ObjectId, required: true },
    pitch: { type: String, required: true },
    kpiApproach: { type: String, required: true },
    kpiNotes: { type: [{ _id: false, kpiName: String, note: String }], default: [] },
    indicativePriceGbp: { type: Number, required: true },
    timelineWeeks: { type: Number, required: true },
    status: { type: String, required: true, enum: sdlEnumValues('ResponseStatus') },
    declineReason: { type: String },
    liveKey: { type: String, required: true },
    version: { type: Number, required: true },
    submittedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
responseSchema.index({ liveKey: 1 }, { unique: true });
responseSchema.index({ challengeId: 1, _id: -1 });
responseSchema.index({ organisationId: 1, _id: -1 });

// Lifecycle transitions record their domain event in the same write as the change.
responseSchema.plugin(recordsDomainEvents);

export const ResponseModel = model<ResponseRecord>('Response', responseSchema);

/** The key that makes a response count against the one-live-response rule. */
export function liveKeyFor(challengeId: Types.ObjectId, organisationId: Types.ObjectId): string {
  return `${challengeId.toHexString()}:${organisationId.toHexString()}`;
}
