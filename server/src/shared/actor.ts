import type { MembershipRole, OrganisationKind, PlatformRole } from '../contract/generated/resolvers-types';
import { unauthenticated } from './errors';

/** One organisation the acting user belongs to, as loaded once per request. */
export interface ActorMembership {
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationVerified: boolean;
  role: MembershipRole;
}

/** A signed-in user, with what every permission check needs already loaded. */
export interface UserActor {
  kind: 'user';
  userId: string;
  email: string;
  name: string;
  platformRoles: PlatformRole[];
  memberships: ActorMembership[];
}

/**
 * The platform itself, acting for seeds, the deadline sweeper, matcher runs and notification
 * delivery. It is no one's member and not staff: each policy names what it may do, so it passes
 * the same checks as everyone else instead of bypassing them.
 */
export interface SystemActor {
  kind: 'system';
}

/**
 * Who is acting. Every service method takes it first (inside its ServiceContext), so GraphQL,
 * seeds and jobs all pass through the same permission checks.
 */
export type Actor = { kind: 'anonymous' } | UserActor | SystemActor;

export const anonymousActor: Actor = { kind: 'anonymous' };

export const systemActor: SystemActor = { kind: 'system' };

export function isSystem(actor: Actor): actor is SystemActor {
  return actor.kind === 'system';
}

/** Narrows to a signed-in user or throws UNAUTHENTICATED. */
export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw unauthenticated();
  return actor;
}

/** Accelerator curators; admins are always staff too. */
export function isStaff(actor: Actor): boolean {
  return actor.kind === 'user' && (actor.platformRoles.includes('STAFF') || actor.platformRoles.includes('ADMIN'));
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.platformRoles.includes('ADMIN');
}

/** The actor's membership of one organisation, if any. */
export function membershipOf(actor: Actor, organisationId: string): ActorMembership | undefined {
  return actor.kind === 'user' ? actor.memberships.find((m) => m.organisationId === organisationId) : undefined;
}

export function isMemberOf(actor: Actor, organisationId: string): boolean {
  return membershipOf(actor, organisationId) !== undefined;
}

/** The ids of every organisation the actor belongs to; none for anonymous visitors. */
export function memberOrganisationIds(actor: Actor): string[] {
  return actor.kind === 'user' ? actor.memberships.map((m) => m.organisationId) : [];
}
