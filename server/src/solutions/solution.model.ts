import { Schema, model, type Types } from 'mongoose';
import { recordsDomainEvents } from '../db/domain-events';
import { sdlEnumValues } from '../contract/sdl';
import { searchTracked, type SearchTracked } from '../search-sync/search-tracked.plugin';
import type {
  Accreditation,
  EvidenceKind,
  PricingModel,
  PublicBodyType,
  Region,
  Sector,
  SolutionStatus,
} from '../contract/generated/resolvers-types';

/** One piece of evidence; accreditations carry their issuer and expiry so lapses can be flagged. */
export interface EvidenceRecord {
  kind: EvidenceKind;
  description: string;
  url?: string | null;
  accreditation?: { type: Accreditation; issuer: string; expiresAt: Date } | null;
}

/**
 * What the solution's completed pilots showed, kept on the solution so that the matcher reads it
 * with the rest of the profile. Derived from the pilots (the pilots feature rewrites it whole
 * when one completes), never edited.
 */
export interface SolutionTrackRecordRecord {
  completedPilots: number;
  adopted: number;
  extended: number;
  stopped: number;
  /** Distinct public bodies that adopted it, counted by type. */
  adoptedBy: { publicBodyType: PublicBodyType; organisations: number }[];
  /** Median over the completed pilots' KPIs of their progress toward target at the last measurement (1 = met). */
  medianKpiAchievement: number | null;
  updatedAt: Date;
}

/** A start-up's solution profile, reused across every challenge it responds to. */
export interface SolutionRecord extends SearchTracked {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  createdBy: Types.ObjectId;
  name: string;
  summary: string;
  description: string;
  sectors: Sector[];
  tags: string[];
  capabilities: string[];
  trl: number;
  regionsServed: Region[];
  pricingModel: PricingModel;
  priceMinGbp: number;
  priceMaxGbp: number;
  evidence: EvidenceRecord[];
  trackRecord?: SolutionTrackRecordRecord | null;
  status: SolutionStatus;
  version: number;
  publishedAt?: Date | null;
  archivedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const evidenceSchema = new Schema<EvidenceRecord>(
  {
    kind: { type: String, required: true, enum: sdlEnumValues('EvidenceKind') },
    description: { type: String, required: true },
    url: { type: String },
    accreditation: {
      type: new Schema(
        {
          type: { type: String, required: true, enum: sdlEnumValues('Accreditation') },
          issuer: { type: String, required: true },
          expiresAt: { type: Date, required: true },
        },
        { _id: false },
      ),
    },
  },
  { _id: false },
);

const solutionSchema = new Schema<SolutionRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    summary: { type: String, required: true },
    description: { type: String, required: true },
    sectors: { type: [String], enum: sdlEnumValues('Sector'), required: true },
    tags: { type: [String], default: [] },
    capabilities: { type: [String], default: [] },
    trl: { type: Number, required: true, min: 1, max: 9 },
    regionsServed: { type: [String], enum: sdlEnumValues('Region'), required: true },
    pricingModel: { type: String, required: true, enum: sdlEnumValues('PricingModel') },
    priceMinGbp: { type: Number, required: true },
    priceMaxGbp: { type: Number, required: true },
    evidence: { type: [evidenceSchema], default: [] },
    trackRecord: {
      type: new Schema<SolutionTrackRecordRecord>(
        {
          completedPilots: { type: Number, required: true },
          adopted: { type: Number, required: true },
          extended: { type: Number, required: true },
          stopped: { type: Number, required: true },
          adoptedBy: {
            type: [{ _id: false, publicBodyType: { type: String, required: true, enum: sdlEnumValues('PublicBodyType') }, organisations: { type: Number, required: true } }],
            default: [],
          },
          medianKpiAchievement: { type: Number, default: null },
          updatedAt: { type: Date, required: true },
        },
        { _id: false },
      ),
    },
    status: { type: String, required: true, enum: sdlEnumValues('SolutionStatus') },
    version: { type: Number, required: true },
    publishedAt: { type: Date },
    archivedAt: { type: Date },
  },
  { timestamps: true },
);
solutionSchema.index({ status: 1, _id: -1 });
solutionSchema.index({ organisationId: 1, _id: -1 });

solutionSchema.plugin(searchTracked);

// Lifecycle transitions record their domain event in the same write as the change.
solutionSchema.plugin(recordsDomainEvents);

export const SolutionModel = model<SolutionRecord>('Solution', solutionSchema);
