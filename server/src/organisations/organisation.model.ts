import { Schema, model, type Types } from 'mongoose';
import { sdlEnumValues } from '../contract/sdl';
import { searchTracked, type SearchTracked } from '../search-sync/search-tracked.plugin';
import type { OrganisationKind, PublicBodyType, Region } from '../contract/generated/resolvers-types';

/** A council, NHS trust, police force, department, start-up or the accelerator. */
export interface OrganisationRecord extends SearchTracked {
  _id: Types.ObjectId;
  name: string;
  kind: OrganisationKind;
  publicBodyType?: PublicBodyType | null;
  region?: Region | null;
  website?: string | null;
  description?: string | null;
  verified: boolean;
  verifiedAt?: Date | null;
  verifiedBy?: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const organisationSchema = new Schema<OrganisationRecord>(
  {
    name: { type: String, required: true, trim: true },
    kind: { type: String, required: true, enum: sdlEnumValues('OrganisationKind') },
    publicBodyType: { type: String, enum: sdlEnumValues('PublicBodyType') },
    region: { type: String, enum: sdlEnumValues('Region') },
    website: { type: String },
    description: { type: String },
    verified: { type: Boolean, required: true, default: false },
    verifiedAt: { type: Date },
    verifiedBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true },
);
organisationSchema.index({ kind: 1, verified: 1, _id: -1 });

organisationSchema.plugin(searchTracked);

export const OrganisationModel = model<OrganisationRecord>('Organisation', organisationSchema);
