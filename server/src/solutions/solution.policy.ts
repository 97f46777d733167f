import { type Actor, isStaff, isMemberOf, membershipOf } from '../shared/actor';
import { allowedEvents, type TransitionTable } from '../shared/state-machine';
import type { Accreditation, SolutionEvent, SolutionStatus } from '../contract/generated/resolvers-types';
import type { EvidenceRecord, SolutionRecord } from './solution.model';

/** A solution's lifecycle. Profiles stay editable once published, because they are reused for months. */
export const solutionTransitions: TransitionTable<SolutionStatus, SolutionEvent> = {
  DRAFT: { UPDATE: 'DRAFT', PUBLISH: 'PUBLISHED', ARCHIVE: 'ARCHIVED' },
  PUBLISHED: { UPDATE: 'PUBLISHED', UNPUBLISH: 'DRAFT', ARCHIVE: 'ARCHIVED' },
  ARCHIVED: {},
};

type SolutionRef = Pick<SolutionRecord, 'organisationId' | 'status'>;

const isSolutionMember = (actor: Actor, solution: SolutionRef) => isMemberOf(actor, solution.organisationId.toHexString());

/** The start-up runs its own profile; staff may only archive one (moderation). */
function hasRoleFor(actor: Actor, solution: SolutionRef, event: SolutionEvent): boolean {
  return isSolutionMember(actor, solution) || (event === 'ARCHIVE' && isStaff(actor));
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

/** Who may see and change a solution; `viewerCan` exposes the same answers. */
export const solutionPolicy = {
  /** Published solutions are public; the rest only to their start-up and staff. */
  canSee: (actor: Actor, solution: SolutionRef) =>
    solution.status === 'PUBLISHED' || isStaff(actor) || isSolutionMember(actor, solution),
  /** Only members of a start-up describe solutions for it. */
  canCreateFor: (actor: Actor, organisationId: string) => membershipOf(actor, organisationId)?.organisationKind === 'STARTUP',
  hasRoleFor,
  /** Publishing also needs the start-up to be verified by staff. */
  publisherIsVerified: (actor: Actor, solution: SolutionRef) =>
    membershipOf(actor, solution.organisationId.toHexString())?.organisationVerified === true,
  canFire: (actor: Actor, solution: SolutionRef, event: SolutionEvent) =>
    hasRoleFor(actor, solution, event) &&
    solutionTransitions[solution.status][event] !== undefined &&
    (event !== 'PUBLISH' || solutionPolicy.publisherIsVerified(actor, solution)),
  allowedEventsFor: (actor: Actor, solution: SolutionRef) =>
    allowedEvents(solutionTransitions, solution.status).filter((event) => solutionPolicy.canFire(actor, solution, event)),
  /**
   * The solution's side of responding: a published profile of a verified start-up the viewer
   * belongs to. Each challenge then applies its own rules (deadline, TRL, accreditations).
   */
  canRespondWith: (actor: Actor, solution: SolutionRef) =>
    solution.status === 'PUBLISHED' && isSolutionMember(actor, solution) && solutionPolicy.publisherIsVerified(actor, solution),
};
