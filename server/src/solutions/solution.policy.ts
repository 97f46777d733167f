import type { VisibilityRule } from '../shared/visibility';
import { type Actor, isStaff, isMemberOf, isSystem, membershipOf } from '../shared/actor';
import type { Accreditation } from '../contract/generated/resolvers-types';
import type { EvidenceRecord, SolutionRecord } from './solution.model';

type SolutionRef = Pick<SolutionRecord, 'organisationId' | 'status'>;

const isSolutionMember = (actor: Actor, solution: SolutionRef) => isMemberOf(actor, solution.organisationId.toHexString());

/** The parts someone can play towards one solution. */
export type SolutionRole = 'STARTUP' | 'STAFF';

/** The roles the actor plays towards the solution (possibly none). */
export function solutionRolesOf(actor: Actor, solution: SolutionRef): SolutionRole[] {
  const roles: SolutionRole[] = [];
  if (isSolutionMember(actor, solution)) roles.push('STARTUP');
  if (isStaff(actor)) roles.push('STAFF');
  return roles;
}

/** True for an accreditation whose expiry has come: flagged to readers and not counted by eligibility. */
export function isExpiredAccreditation(item: EvidenceRecord, now: Date): boolean {
  return item.accreditation != null && item.accreditation.expiresAt.getTime() <= now.getTime();
}

/** Accreditations with an expiry still in the future, as eligibility checks count them. */
export function validAccreditations(solution: Pick<SolutionRecord, 'evidence'>, now: Date): Accreditation[] {
  const valid = solution.evidence.flatMap((item) =>
    item.kind === 'ACCREDITATION' && item.accreditation && !isExpiredAccreditation(item, now) ? [item.accreditation.type] : [],
  );
  return [...new Set(valid)];
}

/** Who may find a solution in lists and search: published ones, and all of one's own start-up's (all, for staff). */
export const solutionVisibility: VisibilityRule = { publicWhen: [{ field: 'status', equals: 'PUBLISHED' }] };

/** Who may see a solution and respond with it; solution.lifecycle.ts says who may change it, and when. */
export const solutionPolicy = {
  /** Published solutions are public; the rest only to their start-up and staff. */
  canSee: (actor: Actor, solution: SolutionRef) =>
    solution.status === 'PUBLISHED' || isStaff(actor) || isSolutionMember(actor, solution),
  /** Only members of a start-up describe solutions for it. */
  canCreateFor: (actor: Actor, organisationId: string) => membershipOf(actor, organisationId)?.organisationKind === 'STARTUP',
  /** Publishing also needs the start-up to be verified by staff. */
  publisherIsVerified: (actor: Actor, solution: SolutionRef) =>
    membershipOf(actor, solution.organisationId.toHexString())?.organisationVerified === true,
  /**
   * The solution's side of responding: a published profile of a verified start-up the viewer
   * belongs to. Each challenge then applies its own rules (deadline, TRL, accreditations).
   */
  canRespondWith: (actor: Actor, solution: SolutionRef) =>
    solution.status === 'PUBLISHED' && isSolutionMember(actor, solution) && solutionPolicy.publisherIsVerified(actor, solution),
  /** The track record is derived from completed pilots by the platform, never written by a person. */
  canRecordTrackRecord: (actor: Actor) => isSystem(actor),
};
