import type { VisibilityRule } from '../shared/visibility';
import { type Actor, isMemberOf, isStaff, isSystem, membershipOf } from '../shared/actor';
import type { MembershipRole, PlatformRole } from '../contract/generated/resolvers-types';
import type { OrganisationRecord } from './organisation.model';

type OrganisationRef = Pick<OrganisationRecord, '_id' | 'verified' | 'kind'>;

/** Start-ups and public bodies: the organisations staff curate and must never act as. */
const isTenant = (org: Pick<OrganisationRecord, 'kind'>) => org.kind !== 'ACCELERATOR';

const holdsStaffRole = (roles: readonly PlatformRole[]) => roles.includes('STAFF') || roles.includes('ADMIN');

/** Who may find an organisation in lists and search: verified ones, and one's own (all, for staff). */
export const organisationVisibility: VisibilityRule = { publicWhen: [{ field: 'verified', equals: true }], ownerField: '_id' };

/**
 * Who may do what with an organisation. Services enforce these; `viewerCan` exposes the same
 * answers to the UI, so buttons never promise what the server refuses.
 */
export const organisationPolicy = {
  /**
   * Verified organisations are public; unverified ones are visible to their members, staff and the
   * platform itself (it invites members into them when seeding, and will notify them).
   */
  canSee: (actor: Actor, org: OrganisationRef) =>
    org.verified || isStaff(actor) || isSystem(actor) || isMemberOf(actor, org._id.toHexString()),
  canSeeMembers: (actor: Actor, org: OrganisationRef) => isStaff(actor) || isMemberOf(actor, org._id.toHexString()),
  canUpdate: (actor: Actor, org: OrganisationRef) =>
    isStaff(actor) || membershipOf(actor, org._id.toHexString())?.role === 'OWNER',
  /**
   * Any member may invite members; only owners (and the platform when seeding) may create owners.
   * Staff curate tenants and must never act as one: into a start-up or public body they may only
   * invite the first owner of one that has none (`hasOwner`, unknown to `viewerCan`, counts as yes).
   */
  canInvite: (actor: Actor, org: OrganisationRef, role: MembershipRole = 'MEMBER', hasOwner = true) => {
    if (isSystem(actor)) return true;
    const membership = membershipOf(actor, org._id.toHexString());
    if (membership) return role === 'MEMBER' || membership.role === 'OWNER';
    if (!isStaff(actor)) return false;
    return !isTenant(org) || (role === 'OWNER' && !hasOwner);
  },
  /** Nobody holding a platform role joins a tenant, whoever invites them: a curator inside one could act as it. */
  mayJoin: (person: { platformRoles: readonly PlatformRole[] }, org: Pick<OrganisationRecord, 'kind'>) =>
    !isTenant(org) || !holdsStaffRole(person.platformRoles),
  /** The other side of `mayJoin`: STAFF and ADMIN go only to people who belong to no tenant. */
  mayHoldPlatformRoles: (person: { memberships: readonly { organisationKind: OrganisationRecord['kind'] }[] }, roles: readonly PlatformRole[]) =>
    !holdsStaffRole(roles) || !person.memberships.some((membership) => isTenant({ kind: membership.organisationKind })),
  canVerify: (actor: Actor, org: OrganisationRef) => isStaff(actor) && !org.verified,
  /**
   * Only the platform gets an invitation's token back instead of it being emailed: seeds join
   * people to organisations through the real invitation path without reading a mailbox.
   */
  canIssueInvitationTokens: (actor: Actor) => isSystem(actor),
};
