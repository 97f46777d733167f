import crypto from 'node:crypto';
import { z } from 'zod';
import { type Actor, requireUser, type UserActor } from '../shared/actor';
import { AppError, forbidden, notFound } from '../shared/errors';
import { parseInput } from '../shared/validation';
import { toObjectId } from '../db/ids';
import type { Mailer } from '../mail/mailer';
import type { InviteMemberInput, MembershipRole } from '../contract/generated/resolvers-types';
import { normaliseEmail } from '../shared/email';
import { InvitationModel, type InvitationRecord } from './invitation.model';
import { MembershipModel } from './membership.model';
import { OrganisationModel } from './organisation.model';
import { organisationPolicy } from './organisation.policy';
import { getOrganisation } from './organisation.service';
import { loadUserActor } from './user-actor.service';
import { sdlEnum } from '../contract/taxonomy';

const INVITATION_LIFETIME_MS = 14 * 24 * 3600 * 1000;

const inviteSchema = z.strictObject({
  organisationId: z.string(),
  email: z.email().max(254),
  role: sdlEnum<MembershipRole>('MembershipRole').default('MEMBER'),
});

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** What the invitation services need from the outside world. */
export interface InvitationDeps {
  mailer: Mailer;
  publicUrl: string;
}

/** A member invites someone by email; the secret token travels only in the email. */
export async function inviteMember(actor: Actor, input: InviteMemberInput, deps: InvitationDeps): Promise<InvitationRecord> {
  const user = requireUser(actor);
  const { organisationId, email, role } = parseInput(inviteSchema, { ...input, role: input.role ?? undefined });
  const org = await getOrganisation(actor, organisationId);
  if (!organisationPolicy.canInvite(actor, org, role)) {
    throw forbidden(role === 'OWNER' ? 'Only owners can invite owners.' : 'Only members of this organisation can invite.');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const invitation = await InvitationModel.create({
    organisationId: org._id,
    email: normaliseEmail(email),
    role,
    tokenHash: hashToken(token),
    invitedBy: toObjectId('User', user.userId),
    expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
  });
  await deps.mailer.send({
    to: invitation.email,
    subject: `${user.name} invited you to join ${org.name} on Pilotline`,
    text: `Join ${org.name} on Pilotline: ${deps.publicUrl}/invitations/${token}\nThis link expires on ${invitation.expiresAt.toUTCString()}.`,
  });
  return invitation.toObject();
}

const invalidInvitation = () =>
  new AppError('INVALID_INVITATION', 'This invitation link is invalid, expired or already used.');

/** A usable invitation by its token; anyone holding the token may look at it. */
export async function findUsableInvitation(token: string): Promise<InvitationRecord> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) throw invalidInvitation();
  const invitation = await InvitationModel.findOne({ tokenHash: hashToken(token) }).lean();
  if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() < Date.now()) throw invalidInvitation();
  return invitation;
}

/**
 * Joins the invitation's organisation. The invitation must be addressed to this user's email,
 * and it is consumed with a conditional update so that it can be used exactly once. Returns the
 * actor as it is now, a member of one more organisation.
 */
export async function acceptInvitation(actor: Actor, token: string): Promise<UserActor> {
  const user = requireUser(actor);
  const invitation = await findUsableInvitation(token);
  if (invitation.email !== normaliseEmail(user.email)) {
    throw new AppError('INVALID_INVITATION', 'This invitation was sent to a different email address.');
  }
  const consumed = await InvitationModel.findOneAndUpdate(
    { _id: invitation._id, acceptedAt: null },
    { $set: { acceptedAt: new Date(), acceptedBy: toObjectId('User', user.userId) } },
  );
  if (!consumed) throw invalidInvitation();
  const org = await OrganisationModel.exists({ _id: invitation.organisationId });
  if (!org) throw invalidInvitation();
  await MembershipModel.updateOne(
    { userId: toObjectId('User', user.userId), organisationId: invitation.organisationId },
    { $setOnInsert: { role: invitation.role } },
    { upsert: true },
  );
  const member = await loadUserActor(user.userId);
  if (!member) throw notFound('User', user.userId);
  return member;
}
