import crypto from 'node:crypto';
import { Types } from 'mongoose';
import { trusted } from '../db/trusted';
import { isDuplicateKey } from '../db/duplicate-key';
import { normaliseEmail } from '../shared/email';
import { AppError } from '../shared/errors';
import type { PlatformRole } from '../contract/generated/resolvers-types';
import { assertStrongPassword, hashPassword } from './password';
import { UserModel, type UserRecord } from './user.model';

export async function findUserByEmail(email: string): Promise<UserRecord | null> {
  return UserModel.findOne({ email: normaliseEmail(email) }).lean();
}

/** The user with this id, or null when there is none (or the id is not one). */
export async function findUserById(userId: string): Promise<UserRecord | null> {
  return Types.ObjectId.isValid(userId) ? UserModel.findById(userId).lean() : null;
}

export async function findUsersByIds(ids: Types.ObjectId[]): Promise<UserRecord[]> {
  return UserModel.find({ _id: trusted({ $in: ids }) }).lean();
}

export async function isEmailRegistered(email: string): Promise<boolean> {
  return (await UserModel.exists({ email: normaliseEmail(email) })) !== null;
}

export async function hasAnyUser(): Promise<boolean> {
  return (await UserModel.exists({})) !== null;
}

export async function hasAdministrator(): Promise<boolean> {
  return (await UserModel.exists({ platformRoles: 'ADMIN' })) !== null;
}

export const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 'An account with this email already exists.', {
    fields: [{ field: 'email', message: 'is already registered' }],
  });

/**
 * Creates a user with a strong password, stored only as its hash; a registered email is EMAIL_TAKEN.
 * `emailVerifiedAt` null makes an account that cannot sign in until its email is verified.
 */
export async function createUser(input: {
  email: string;
  name: string;
  password: string;
  platformRoles?: PlatformRole[];
  emailVerifiedAt: Date | null;
}): Promise<UserRecord> {
  const email = normaliseEmail(input.email);
  assertStrongPassword(input.password, email, input.name);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await UserModel.create({
      email,
      name: input.name,
      passwordHash,
      platformRoles: input.platformRoles ?? [],
      emailVerifiedAt: input.emailVerifiedAt,
    });
    return user.toObject();
  } catch (error) {
    if (isDuplicateKey(error)) throw emailTaken();
    throw error;
  }
}

/** Removes a user again: only for undoing a registration that failed half-way (there are no transactions). */
export async function deleteUser(userId: Types.ObjectId): Promise<void> {
  await UserModel.deleteOne({ _id: userId });
}

/** Whether the account may sign in: its owner has opened the verification link (or it predates them). */
export function isEmailVerified(user: Pick<UserRecord, 'emailVerifiedAt'>): boolean {
  return user.emailVerifiedAt !== null;
}

const VERIFICATION_LIFETIME_MS = 48 * 3600 * 1000;

function hashVerificationToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A fresh verification link's token for an unverified user; any earlier link stops working. */
export async function issueEmailVerification(userId: Types.ObjectId, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + VERIFICATION_LIFETIME_MS);
  await UserModel.updateOne({ _id: userId, emailVerifiedAt: null }, { $set: { emailVerification: { tokenHash: hashVerificationToken(token), expiresAt } } });
  return { token, expiresAt };
}

/** Whether an unverified user's last link has expired, so that a new one may be sent. */
export function verificationExpired(user: Pick<UserRecord, 'emailVerification'>, now: Date): boolean {
  return !user.emailVerification || user.emailVerification.expiresAt.getTime() <= now.getTime();
}

const invalidVerification = () =>
  new AppError('INVALID_VERIFICATION', 'This confirmation link is invalid, expired or already used.');

/** Marks the email behind a verification token as verified; each token works once, before it expires. */
export async function verifyEmail(token: unknown, now: Date): Promise<void> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) throw invalidVerification();
  const verified = await UserModel.findOneAndUpdate(
    {
      'emailVerification.tokenHash': hashVerificationToken(token),
      'emailVerification.expiresAt': trusted({ $gt: now }),
      emailVerifiedAt: null,
    },
    { $set: { emailVerifiedAt: now, emailVerification: null } },
  );
  if (!verified) throw invalidVerification();
}
