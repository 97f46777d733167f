import crypto from 'node:crypto';
import { z } from 'zod';
import { type UserActor, isMemberOf, isStaff, requireUser } from '../shared/actor';
import { AppError, forbidden, notFound } from '../shared/errors';
import { parseInput } from '../shared/validation';
import { toObjectId } from '../db/ids';
import type { ServiceContext } from '../context/service-context';
import type { InviteMemberInput, MembershipRole } from '../contract/generated/resolvers-types';
import { normaliseEmail } from '../shared/email';
import { InvitationModel, type InvitationRecord } from './invitation.model';
import { MembershipModel } from './membership.model';
import { OrganisationModel } from './organisation.model';
import { organisationPolicy } from './organisation.policy';
import { getOrganisation } from './organisation.service';
import { loadUserActor } from './user-actor.service';
import { findUserByEmail } from '../users/user.service';
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

/** Stores an invitation and returns it with its secret token, which is stored only as a hash. */
async function createInvitation(ctx: ServiceContext, input: InviteMemberInput, invitedBy: UserActor | undefined) {
  const { organisationId, email, role } = parseInput(inviteSchema, { ...input, role: input.role ?? undefined });
  const org = await getOrganisation(ctx, organisationId);
  const hasOwner = await MembershipModel.exists({ organisationId: org._id, role: 'OWNER' });
  if (!organisationPolicy.canInvite(ctx.actor, org, role, hasOwner !== null)) {
    if (isStaff(ctx.actor) && !isMemberOf(ctx.actor, organisationId)) {
      throw forbidden('Accelerator staff may only invite the first owner of an organisation that has none.');
    }
    throw forbidden(role === 'OWNER' ? 'Only owners can invite owners.' : 'Only members of this organisation can invite.');
  }
  const invitee = await findUserByEmail(email);
  if (invitee && !organisationPolicy.mayJoin(invitee, org)) throw staffCannotJoin();
  const token = crypto.randomBytes(32).toString('base64url');
  const invitation = await InvitationModel.create({
    organisationId: org._id,
    email: normaliseEmail(email),
    role,
    tokenHash: hashToken(token),
    invitedBy: invitedBy ? toObjectId('User', invitedBy.userId) : undefined,
    expiresAt: new Date(ctx.now.getTime() + INVITATION_LIFETIME_MS),
  });
  return { invitation: invitation.toObject(), organisationName: org.name, token };
}

/** A member invites someone by email; the secret token travels only in the email. */
export async function inviteMember(ctx: ServiceContext, input: InviteMemberInput): Promise<InvitationRecord> {
  const user = requireUser(ctx.actor);
  const { invitation, organisationName, token } = await createInvitation(ctx, input, user);
  await ctx.mailer.send({
    to: invitation.email,
    subject: `${user.name} invited you to join ${organisationName} on Pilotline`,
    text: `Join ${organisationName} on Pilotline: ${ctx.publicUrl}/invitations/${token}\nThis link expires on ${invitation.expiresAt.toUTCString()}.`,
  });
  return invitation;
}

/** The platform invites without an email and gets the token to register with (seeds). */
export async function issueInvitation(ctx: ServiceContext, input: InviteMemberInput): Promise<{ invitation: InvitationRecord; token: string }> {
  if (!organisationPolicy.canIssueInvitationTokens(ctx.actor)) throw forbidden('Invitation links are only sent by email.');
  const { invitation, token } = await createInvitation(ctx, input, undefined);
  return { invitation, token };
}

const staffCannotJoin = () => forbidden('Accelerator staff cannot join a start-up or public body.');

const invalidInvitation = () =>
  new AppError('INVALID_INVITATION', 'This invitation link is invalid, expired or already used.');

/** A usable invitation by its token; anyone holding the token may look at it. */
export async function findUsableInvitation(ctx: ServiceContext, token: string): Promise<InvitationRecord> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) throw invalidInvitation();
  const invitation = await InvitationModel.findOne({ tokenHash: hashToken(token) }).lean();
  if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() < ctx.now.getTime()) throw invalidInvitation();
  return invitation;
}

/**
 * Joins the invitation's organisation. The invitation must be addressed to this user's email,
 * and it is consumed with a conditional update so that it can be used exactly once. Returns the
 * actor as it is now, a member of one more organisation.
 */
export async function acceptInvitation(ctx: ServiceContext, token: string): Promise<UserActor> {
  const user = requireUser(ctx.actor);
  const invitation = await findUsableInvitation(ctx, token);
  if (invitation.email !== normaliseEmail(user.email)) {
    throw new AppError('INVALID_INVITATION', 'This invitation was sent to a different email address.');
  }
  const org = await OrganisationModel.findById(invitation.organisationId).select({ kind: 1 }).lean();
  if (!org) throw invalidInvitation();
  if (!organisationPolicy.mayJoin(user, org)) throw staffCannotJoin();
  const consumed = await InvitationModel.findOneAndUpdate(
    { _id: invitation._id, acceptedAt: null },
    { $set: { acceptedAt: ctx.now, acceptedBy: toObjectId('User', user.userId) } },
  );
  if (!consumed) throw invalidInvitation();
  const joined = await MembershipModel.updateOne(
    { userId: toObjectId('User', user.userId), organisationId: invitation.organisationId },
    { $setOnInsert: { role: invitation.role } },
    { upsert: true },
  );
  const member = await loadUserActor(user.userId);
  if (!member) throw notFound('User', user.userId);
  // No transactions: a platform role granted since this request loaded its actor shows up now (and
  // setPlatformRoles checks again after its own write), so one of the two always backs out.
  if (!organisationPolicy.mayJoin(member, org)) {
    if (joined.upsertedId) await MembershipModel.deleteOne({ _id: joined.upsertedId });
    throw staffCannotJoin();
  }
  return member;
}
