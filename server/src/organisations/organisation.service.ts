import { z } from 'zod';
import { isStaff, requireUser } from '../shared/actor';
import type { ServiceContext } from '../context/service-context';
import type { ListArgs } from '../shared/pagination';
import { forbidden, notFound } from '../shared/errors';
import { findPage, type CountedPage } from '../db/find-page';
import { visibleCondition } from '../db/visibility';
import { dropNulls, parseInput } from '../shared/validation';
import { toObjectId } from '../db/ids';
import type { OrganisationFilter, OrganisationKind, UpdateOrganisationInput } from '../contract/generated/resolvers-types';
import { MembershipModel } from './membership.model';
import { OrganisationModel, type OrganisationRecord } from './organisation.model';
import { organisationPolicy, organisationVisibility } from './organisation.policy';
import { findUsersByIds } from '../users/user.service';
import { publicBodyTypeSchema, regionSchema } from '../contract/taxonomy';

/** Loads an organisation the actor may see, else NOT_FOUND (hidden and missing look the same). */
export async function getOrganisation(ctx: ServiceContext, id: string): Promise<OrganisationRecord> {
  const org = await OrganisationModel.findById(toObjectId('Organisation', id)).lean();
  if (!org || !organisationPolicy.canSee(ctx.actor, org)) throw notFound('Organisation', id);
  return org;
}

/** Lists organisations newest first: verified ones and the actor's own (all, for staff). */
export async function listOrganisations(
  { actor, now }: ServiceContext,
  { filter, first, after }: ListArgs<OrganisationFilter>,
): Promise<CountedPage<OrganisationRecord>> {
  const conditions: Record<string, unknown>[] = [visibleCondition(organisationVisibility, actor, now)];
  if (filter?.kind) conditions.push({ kind: filter.kind });
  if (filter?.verified != null) conditions.push({ verified: filter.verified });
  return findPage(OrganisationModel, conditions, first, after);
}

/** The input a new organisation is created from, during registration or seeding. */
export type NewOrganisation = Pick<
  OrganisationRecord,
  'name' | 'kind' | 'publicBodyType' | 'region' | 'website' | 'description'
>;

export const newOrganisationSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(200),
    // Registration creates public bodies and start-ups; the accelerator exists once, from bootstrap.
    kind: z.enum(['PUBLIC_BODY', 'STARTUP'] satisfies OrganisationKind[]),
    publicBodyType: publicBodyTypeSchema.optional(),
    region: regionSchema.optional(),
    website: z.url({ protocol: /^https?$/ }).max(500).optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .refine((org) => (org.kind === 'PUBLIC_BODY') === (org.publicBodyType !== undefined), {
    path: ['publicBodyType'],
    message: 'is required for public bodies and only allowed for them',
  });

/**
 * Creates an unverified organisation with the acting user as its OWNER. Registration calls it as
 * the account it has just created; staff verify the organisation later.
 */
export async function createOrganisationAsOwner(ctx: ServiceContext, input: NewOrganisation): Promise<OrganisationRecord> {
  const creator = requireUser(ctx.actor);
  const org = await OrganisationModel.create({ ...input, verified: false });
  await MembershipModel.create({ userId: toObjectId('User', creator.userId), organisationId: org._id, role: 'OWNER' });
  return org.toObject();
}

/** Staff mark an organisation as verified, which lets it publish. */
export async function verifyOrganisation(ctx: ServiceContext, organisationId: string): Promise<OrganisationRecord> {
  const { actor } = ctx;
  const staff = requireUser(actor);
  const org = await getOrganisation(ctx, organisationId);
  if (!isStaff(actor)) throw forbidden('Only accelerator staff can verify organisations.');
  if (!organisationPolicy.canVerify(actor, org)) return org;
  const updated = await OrganisationModel.findOneAndUpdate(
    { _id: org._id, verified: false },
    { $set: { verified: true, verifiedAt: ctx.now, verifiedBy: toObjectId('User', staff.userId) } },
    { returnDocument: 'after' },
  ).lean();
  return updated ?? getOrganisation(ctx, organisationId);
}

const updateOrganisationSchema = z.strictObject({
  organisationId: z.string(),
  name: z.string().trim().min(2).max(200).optional(),
  region: regionSchema.optional(),
  website: z.url({ protocol: /^https?$/ }).max(500).optional(),
  description: z.string().trim().max(2000).optional(),
});

/** Owners and staff edit an organisation's public profile. */
export async function updateOrganisation(ctx: ServiceContext, input: UpdateOrganisationInput): Promise<OrganisationRecord> {
  requireUser(ctx.actor);
  const { organisationId, ...changes } = parseInput(updateOrganisationSchema, dropNulls(input));
  const org = await getOrganisation(ctx, organisationId);
  if (!organisationPolicy.canUpdate(ctx.actor, org)) throw forbidden('Only owners of this organisation can edit it.');
  const updated = await OrganisationModel.findByIdAndUpdate(org._id, { $set: changes }, { returnDocument: 'after' }).lean();
  if (!updated) throw notFound('Organisation', organisationId);
  return updated;
}

/** Member list, for members and staff only; an empty list for anyone else. */
export async function listMembers({ actor }: ServiceContext, org: OrganisationRecord) {
  if (!organisationPolicy.canSeeMembers(actor, org)) return [];
  const memberships = await MembershipModel.find({ organisationId: org._id }).sort({ createdAt: 1 }).lean();
  const users = await findUsersByIds(memberships.map((m) => m.userId));
  const usersById = new Map(users.map((user) => [user._id.toHexString(), user]));
  return memberships.flatMap((membership) => {
    const user = usersById.get(membership.userId.toHexString());
    return user ? [{ userId: user._id.toHexString(), name: user.name, email: user.email, role: membership.role }] : [];
  });
}
