import { Schema, model, type Types } from 'mongoose';
import { sdlEnumValues } from '../contract/sdl';
import type { MembershipRole } from '../contract/generated/resolvers-types';

/** A pending or used invitation. Only a hash of its token is stored, so a database leak cannot be replayed. */
export interface InvitationRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  email: string;
  role: MembershipRole;
  tokenHash: string;
  /** The member who invited; absent when the platform itself did (seeds). */
  invitedBy?: Types.ObjectId | null;
  expiresAt: Date;
  acceptedAt?: Date | null;
  acceptedBy?: Types.ObjectId | null;
  createdAt: Date;
}

const invitationSchema = new Schema<InvitationRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    role: { type: String, required: true, enum: sdlEnumValues('MembershipRole') },
    tokenHash: { type: String, required: true },
    invitedBy: { type: Schema.Types.ObjectId },
    expiresAt: { type: Date, required: true },
    acceptedAt: { type: Date },
    acceptedBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
invitationSchema.index({ tokenHash: 1 }, { unique: true });
invitationSchema.index({ organisationId: 1, email: 1 });

export const InvitationModel = model<InvitationRecord>('Invitation', invitationSchema);
