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
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserRecord>(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    passwordHash: { type: String, required: true },
    platformRoles: { type: [String], enum: sdlEnumValues('PlatformRole'), default: [] },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });

export const UserModel = model<UserRecord>('User', userSchema);
