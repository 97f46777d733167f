import { Schema, model, type Types } from 'mongoose';
import { sdlEnumValues } from '../contract/sdl';
import type { PlatformRole } from '../contract/generated/resolvers-types';

/** A person who can sign in. Emails are stored lower-cased so uniqueness ignores case. */
export interface UserRecord {
  _id: Types.ObjectId;
  email: string;
  name: string;
  passwordHash: string;
  platformRoles: PlatformRole[];
  /**
   * When the owner of the email proved it by opening the link we sent; null until then, and such
   * an account cannot sign in. Accounts from before verification existed lack the field and count
   * as verified.
   */
  emailVerifiedAt?: Date | null;
  /** The pending verification link, as a hash of its token. */
  emailVerification?: { tokenHash: string; expiresAt: Date } | null;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserRecord>(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    passwordHash: { type: String, required: true },
    platformRoles: { type: [String], enum: sdlEnumValues('PlatformRole'), default: [] },
    emailVerifiedAt: { type: Date },
    emailVerification: { type: new Schema({ tokenHash: String, expiresAt: Date }, { _id: false }) },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ 'emailVerification.tokenHash': 1 });

export const UserModel = model<UserRecord>('User', userSchema);
