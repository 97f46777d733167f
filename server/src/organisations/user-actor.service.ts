import { trusted } from '../db/trusted';
import type { UserActor } from '../shared/actor';
import { findUserById } from '../users/user.service';
import { MembershipModel } from './membership.model';
import { OrganisationModel } from './organisation.model';

/**
 * Builds the actor for a signed-in user: their roles and memberships, loaded once per request
 * so that permission checks never hit the database again. Null when the user no longer exists.
 */
export async function loadUserActor(userId: string): Promise<UserActor | null> {
  const user = await findUserById(userId);
  if (!user) return null;
  const memberships = await MembershipModel.find({ userId: user._id }).sort({ createdAt: 1 }).lean();
  const organisations = await OrganisationModel.find({ _id: trusted({ $in: memberships.map((m) => m.organisationId) }) })
    .select({ kind: 1, verified: 1 })
    .lean();
  const organisationsById = new Map(organisations.map((org) => [org._id.toHexString(), org]));
  return {
    kind: 'user',
    userId: user._id.toHexString(),
    email: user.email,
    name: user.name,
    platformRoles: user.platformRoles,
    memberships: memberships.flatMap((membership) => {
      const org = organisationsById.get(membership.organisationId.toHexString());
      return org
        ? [{ organisationId: org._id.toHexString(), organisationKind: org.kind, organisationVerified: org.verified, role: membership.role }]
        : [];
    }),
  };
}
