import { z } from 'zod';
import { AppError } from '../shared/errors';
import { parseInput } from '../shared/validation';
import { newOrganisationSchema, createOrganisationForCreator } from '../organisations/organisation.service';
import { acceptInvitation, findUsableInvitation } from '../organisations/invitation.service';
import { UserModel } from '../users/user.model';
import { loadUserActor, normaliseEmail } from '../users/user.service';
import { assertStrongPassword, hashPassword, PASSWORD_MAX_LENGTH } from './password';

const registrationSchema = z
  .strictObject({
    email: z.email().max(254),
    password: z.string().max(PASSWORD_MAX_LENGTH * 4),
    name: z.string().trim().min(1).max(120),
    invitationToken: z.string().max(200).optional(),
    organisation: newOrganisationSchema.optional(),
  })
  .refine((input) => (input.invitationToken === undefined) !== (input.organisation === undefined), {
    path: ['organisation'],
    message: 'give either an organisation to create or an invitationToken to join one, not both',
  });

/** What a new account needs: the person, and either a new organisation or an invitation to an existing one. */
export type RegistrationInput = z.input<typeof registrationSchema>;

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Creates a user and their first membership. There are no transactions on every database we
 * support, so a failure after the user is created removes the user again rather than leaving
 * an account with no organisation.
 */
export async function registerAccount(input: unknown): Promise<string> {
  const registration = parseInput(registrationSchema, input);
  const email = normaliseEmail(registration.email);
  assertStrongPassword(registration.password, email, registration.name);
  const invitation = registration.invitationToken ? await findUsableInvitation(registration.invitationToken) : undefined;
  if (invitation && invitation.email !== email) {
    throw new AppError('INVALID_INVITATION', 'This invitation was sent to a different email address.');
  }
  if (await UserModel.exists({ email })) throw emailTaken();

  const passwordHash = await hashPassword(registration.password);
  let userId: string;
  try {
    const user = await UserModel.create({ email, name: registration.name, passwordHash, platformRoles: [] });
    userId = user._id.toHexString();
  } catch (error) {
    if (isDuplicateKey(error)) throw emailTaken();
    throw error;
  }

  try {
    if (registration.organisation) {
      await createOrganisationForCreator(userId, registration.organisation);
    } else if (registration.invitationToken) {
      const actor = await loadUserActor(userId);
      if (!actor) throw new Error(`user ${userId} vanished during registration`);
      await acceptInvitation(actor, registration.invitationToken);
    }
  } catch (error) {
    await UserModel.deleteOne({ _id: userId });
    throw error;
  }
  return userId;
}

const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 'An account with this email already exists.', {
    fields: [{ field: 'email', message: 'is already registered' }],
  });
