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

/** Creates a user with a strong password, stored only as its hash; a registered email is EMAIL_TAKEN. */
export async function createUser(input: { email: string; name: string; password: string; platformRoles?: PlatformRole[] }): Promise<UserRecord> {
  const email = normaliseEmail(input.email);
  assertStrongPassword(input.password, email);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await UserModel.create({ email, name: input.name, passwordHash, platformRoles: input.platformRoles ?? [] });
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
