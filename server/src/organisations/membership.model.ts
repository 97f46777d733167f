import { Schema, model, type Types } from 'mongoose';
import { sdlEnumValues } from '../contract/sdl';
import type { MembershipRole } from '../contract/generated/resolvers-types';

/** A user's place in an organisation; one per (user, organisation). */
export interface MembershipRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  organisationId: Types.ObjectId;
  role: MembershipRole;
  createdAt: Date;
}

const membershipSchema = new Schema<MembershipRecord>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, required: true, enum: sdlEnumValues('MembershipRole') },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
membershipSchema.index({ userId: 1, organisationId: 1 }, { unique: true });
membershipSchema.index({ organisationId: 1 });

export const MembershipModel = model<MembershipRecord>('Membership', membershipSchema);
