import { z } from 'zod';
import { AppError, forbidden } from '../shared/errors';
import { isSystem } from '../shared/actor';
import { parseInput } from '../shared/validation';
import { actingAs, type ServiceContext } from '../context/service-context';
import { newOrganisationSchema, createOrganisationAsOwner } from '../organisations/organisation.service';
import { acceptInvitation, findUsableInvitation } from '../organisations/invitation.service';
import { loadUserActor } from '../organisations/user-actor.service';
import { normaliseEmail } from '../shared/email';
import { createUser, deleteUser, emailTaken, findUserByEmail, isEmailVerified, issueEmailVerification, verificationExpired } from '../users/user.service';
import { assertStrongPassword, hashPassword, PASSWORD_MAX_LENGTH } from '../users/password';
import type { UserRecord } from '../users/user.model';

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

/** A registration that passed every check that does not depend on whether its email has an account. */
export type CheckedRegistration = z.output<typeof registrationSchema> & { email: string; organisationName?: string };

/** The account registration created, and the organisation it belongs to. */
export interface RegisteredAccount {
  userId: string;
  organisationId: string;
}

/**
 * Step one of registering: validation, password strength and the invitation. None of it looks at
 * whether the email has an account, so its answers and its time are the same either way; the
 * caller answers the client after this step and runs `completeRegistration` afterwards.
 */
export async function checkRegistration(ctx: ServiceContext, input: unknown): Promise<CheckedRegistration> {
  const registration = parseInput(registrationSchema, input);
  const email = normaliseEmail(registration.email);
  assertStrongPassword(registration.password, email, registration.name);
  if (registration.invitationToken) {
    const invitation = await findUsableInvitation(ctx, registration.invitationToken);
    if (invitation.email !== email) throw new AppError('INVALID_INVITATION', 'This invitation was sent to a different email address.');
  }
  return { ...registration, email };
}

/**
 * Step two: creates the account and sends its verification link, or, when the email already has
 * an account, tells that account's owner someone tried to register with it. The platform
 * (seeds) creates accounts already verified and gets their ids back.
 */
export async function completeRegistration(ctx: ServiceContext, registration: CheckedRegistration): Promise<RegisteredAccount | undefined> {
  const existing = await findUserByEmail(registration.email);
  if (existing) {
    // The same hashing work as a new account, so that nothing downstream of the answer differs either.
    await hashPassword(registration.password);
    await notifyExistingAccount(ctx, existing);
    return undefined;
  }
  const account = await createAccount(ctx, registration);
  if (!isSystem(ctx.actor)) await sendVerificationLink(ctx, account.user);
  return { userId: account.user._id.toHexString(), organisationId: account.organisationId };
}

/**
 * Both steps at once, for the platform itself (seeds): the account is verified at once, and a
 * taken email is an error, since the platform may know which emails have accounts.
 */
export async function registerAccount(ctx: ServiceContext, input: unknown): Promise<RegisteredAccount> {
  if (!isSystem(ctx.actor)) throw forbidden('Only the platform registers accounts directly; people register through POST /auth/register.');
  const account = await completeRegistration(ctx, await checkRegistration(ctx, input));
  if (!account) throw emailTaken();
  return account;
}

/**
 * Creates a user and their first membership. There are no transactions on every database we
 * support, so a failure after the user is created removes the user again rather than leaving
 * an account with no organisation.
 */
async function createAccount(ctx: ServiceContext, registration: CheckedRegistration) {
  const user = await createUser({
    email: registration.email,
    name: registration.name,
    password: registration.password,
    emailVerifiedAt: isSystem(ctx.actor) ? ctx.now : null,
  });
  const userId = user._id.toHexString();
  try {
    const actor = await loadUserActor(userId);
    if (!actor) throw new Error(`user ${userId} vanished during registration`);
    const asNewUser = actingAs(ctx, actor);
    const organisationId = registration.organisation
      ? (await createOrganisationAsOwner(asNewUser, registration.organisation))._id.toHexString()
      : (await acceptInvitation(asNewUser, registration.invitationToken ?? '')).memberships[0]?.organisationId;
    if (!organisationId) throw new Error(`registration of user ${userId} joined no organisation`);
    return { user, organisationId };
  } catch (error) {
    await deleteUser(user._id);
    throw error;
  }
}

async function sendVerificationLink(ctx: ServiceContext, user: UserRecord): Promise<void> {
  const { token, expiresAt } = await issueEmailVerification(user._id, ctx.now);
  await ctx.mailer.send({
    to: user.email,
    subject: 'Confirm your email address for Pilotline',
    text:
      `Hello ${user.name},\n\nConfirm your email address to finish creating your Pilotline account:\n` +
      `${ctx.publicUrl}/verify-email/${token}\n\nThis link expires on ${expiresAt.toUTCString()}. ` +
      'If you did not create an account, ignore this email and nothing will happen.',
  });
}

/** The owner of an email that already has an account hears about the attempt; a stale, unconfirmed account gets a fresh link. */
async function notifyExistingAccount(ctx: ServiceContext, user: UserRecord): Promise<void> {
  if (!isEmailVerified(user) && verificationExpired(user, ctx.now)) {
    await sendVerificationLink(ctx, user);
    return;
  }
  await ctx.mailer.send({
    to: user.email,
    subject: 'Someone tried to register on Pilotline with your email address',
    text:
      `Hello ${user.name},\n\nSomeone just tried to create a Pilotline account with this email address, which already has one.\n\n` +
      `If it was you, sign in at ${ctx.publicUrl}/sign-in with your existing account` +
      (isEmailVerified(user) ? '' : ' once you have confirmed it with the link we sent you earlier') +
      '. To join another organisation, sign in first and then open its invitation link.\n\n' +
      'If it was not you, you need do nothing: your account has not changed.',
  });
}
