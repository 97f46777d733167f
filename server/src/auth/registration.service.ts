import { z } from 'zod';
import { AppError } from '../shared/errors';
import { parseInput } from '../shared/validation';
import { actingAs, type ServiceContext } from '../context/service-context';
import { newOrganisationSchema, createOrganisationAsOwner } from '../organisations/organisation.service';
import { acceptInvitation, findUsableInvitation } from '../organisations/invitation.service';
import { loadUserActor } from '../organisations/user-actor.service';
import { normaliseEmail } from '../shared/email';
import { createUser, deleteUser, emailTaken, isEmailRegistered } from '../users/user.service';
import { assertStrongPassword, PASSWORD_MAX_LENGTH } from '../users/password';

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

/** The account registration created, and the organisation it belongs to. */
export interface RegisteredAccount {
  userId: string;
  organisationId: string;
}

/**
 * Creates a user and their first membership. There are no transactions on every database we
 * support, so a failure after the user is created removes the user again rather than leaving
 * an account with no organisation.
 */
export async function registerAccount(ctx: ServiceContext, input: unknown): Promise<RegisteredAccount> {
  const registration = parseInput(registrationSchema, input);
  const email = normaliseEmail(registration.email);
  assertStrongPassword(registration.password, email);
  const invitation = registration.invitationToken ? await findUsableInvitation(ctx, registration.invitationToken) : undefined;
  if (invitation && invitation.email !== email) {
    throw new AppError('INVALID_INVITATION', 'This invitation was sent to a different email address.');
  }
  if (await isEmailRegistered(email)) throw emailTaken();

  const user = await createUser({ email, name: registration.name, password: registration.password });
  const userId = user._id.toHexString();

  try {
    const actor = await loadUserActor(userId);
    if (!actor) throw new Error(`user ${userId} vanished during registration`);
    const asNewUser = actingAs(ctx, actor);
    const organisationId = registration.organisation
      ? (await createOrganisationAsOwner(asNewUser, registration.organisation))._id.toHexString()
      : (await acceptInvitation(asNewUser, registration.invitationToken ?? '')).memberships[0]?.organisationId;
    if (!organisationId) throw new Error(`registration of user ${userId} joined no organisation`);
    return { userId, organisationId };
  } catch (error) {
    await deleteUser(user._id);
    throw error;
  }
}
