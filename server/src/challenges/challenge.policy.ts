import type { VisibilityRule } from '../shared/visibility';
import { type Actor, isMemberOf, isStaff, isSystem, membershipOf } from '../shared/actor';
import type { ChallengeStatus } from '../contract/generated/resolvers-types';
import type { ChallengeRecord } from './challenge.model';

type ChallengeRef = Pick<ChallengeRecord, 'organisationId' | 'status' | 'responseDeadline'>;
type DeadlineFacts = Pick<ChallengeRecord, 'status' | 'responseDeadline'>;

/** The parts someone can play towards one challenge; PLATFORM is the system actor (the deadline sweeper). */
export type ChallengeRole = 'OWNER' | 'STAFF' | 'PLATFORM';

/** States in which the owner may still answer clarification questions. */
const ANSWERABLE_STATES: readonly ChallengeStatus[] = ['OPEN', 'CLOSED'];

const ownerOrgId = (challenge: Pick<ChallengeRecord, 'organisationId'>) => challenge.organisationId.toHexString();

/** True for members of the public body that owns the challenge. */
export function isChallengeOwner(actor: Actor, challenge: Pick<ChallengeRecord, 'organisationId'>): boolean {
  return isMemberOf(actor, ownerOrgId(challenge));
}

/** The roles the actor plays towards the challenge (possibly none). */
export function challengeRolesOf(actor: Actor, challenge: Pick<ChallengeRecord, 'organisationId'>): ChallengeRole[] {
  const roles: ChallengeRole[] = [];
  if (isChallengeOwner(actor, challenge)) roles.push('OWNER');
  if (isStaff(actor)) roles.push('STAFF');
  if (isSystem(actor)) roles.push('PLATFORM');
  return roles;
}

/** Only verified public bodies put challenges in front of staff and start-ups. */
export function ownerIsVerified(actor: Actor, challenge: Pick<ChallengeRecord, 'organisationId'>): boolean {
  return membershipOf(actor, ownerOrgId(challenge))?.organisationVerified === true;
}

/** A member of a verified start-up: the only kind of actor that asks questions or responds. */
export function isVerifiedStartupMember(actor: Actor): boolean {
  return actor.kind === 'user' && actor.memberships.some((m) => m.organisationKind === 'STARTUP' && m.organisationVerified);
}

/**
 * The deadline rule, the one place it is written: responses are taken until the deadline and
 * not at it. Search renders the same rule as a filter (challenge.search.ts) and lists as a Mongo
 * condition (challenge.service.ts); everything else asks the functions below.
 */
export function deadlinePassed(challenge: Pick<ChallengeRecord, 'responseDeadline'>, now: Date): boolean {
  return challenge.responseDeadline.getTime() <= now.getTime();
}

/** An OPEN challenge past its deadline: CLOSED to every reader, until the sweeper stores it. */
export function isExpired(challenge: DeadlineFacts, now: Date): boolean {
  return challenge.status === 'OPEN' && deadlinePassed(challenge, now);
}

/** The status everyone sees: the stored one, except that an expired OPEN challenge is CLOSED. */
export function effectiveStatus(challenge: DeadlineFacts, now: Date): ChallengeStatus {
  return isExpired(challenge, now) ? 'CLOSED' : challenge.status;
}

/** How a deadline close is recorded beside the CLOSED status; `closedAt` is the deadline, not the moment anyone looked. */
export function expiryFields(challenge: Pick<ChallengeRecord, 'responseDeadline'>): Pick<ChallengeRecord, 'closeReason' | 'closedAt'> {
  return { closeReason: 'DEADLINE_PASSED', closedAt: challenge.responseDeadline };
}

/** The record as readers see it at `now`: pure, so loaders and lists never write. */
export function asOf<R extends ChallengeRecord>(challenge: R, now: Date): R {
  return isExpired(challenge, now) ? { ...challenge, status: 'CLOSED', ...expiryFields(challenge) } : challenge;
}

/** Start-ups may respond to a challenge (and ask about it) only while it is effectively OPEN. */
export function isOpenForResponses(challenge: DeadlineFacts, now: Date): boolean {
  return effectiveStatus(challenge, now) === 'OPEN';
}

/**
/**
 * Who may find a challenge in lists and search: one that is effectively OPEN (OPEN, its deadline
 * still ahead: isOpenForResponses, as data) is public; every other one only the owning body and staff.
 */
export const challengeVisibility: VisibilityRule = {
  publicWhen: [{ field: 'status', equals: 'OPEN' }, { field: 'responseDeadline', after: 'now' }],
};

/**
 * Who may see and do what with a challenge, besides its lifecycle events (challenge.lifecycle.ts
 * says when those may fire). Records passed here are as of now (`asOf`), so a stored OPEN past its
 * deadline is already CLOSED.
 */
export const challengePolicy = {
  /** OPEN challenges are public; every other state only to the owning body and staff. */
  canSee: (actor: Actor, challenge: ChallengeRef) =>
    challenge.status === 'OPEN' || isStaff(actor) || isChallengeOwner(actor, challenge),
  /**
   * The challenge a start-up may respond to: any it can see, and any that was ever published, so
   * a late response is told the deadline passed rather than "not found".
   */
  canAddressForResponse: (actor: Actor, challenge: ChallengeRef & Pick<ChallengeRecord, 'publishedAt'>) =>
    challengePolicy.canSee(actor, challenge) || Boolean(challenge.publishedAt),
  /** The deadline sweeper acts for the platform alone. */
  canSweepDeadlines: (actor: Actor) => isSystem(actor),
  /** Response counts and staff feedback are the owner's and staff's business. */
  canSeeInternals: (actor: Actor, challenge: ChallengeRef) => isStaff(actor) || isChallengeOwner(actor, challenge),
  /** Only members of a public body create challenges for it (verified or not: drafting needs no verification). */
  canCreateFor: (actor: Actor, organisationId: string) => membershipOf(actor, organisationId)?.organisationKind === 'PUBLIC_BODY',
  canAskQuestion: (actor: Actor, challenge: ChallengeRef, now: Date) => isVerifiedStartupMember(actor) && isOpenForResponses(challenge, now),
  canAnswerQuestion: (actor: Actor, challenge: ChallengeRef) =>
    isChallengeOwner(actor, challenge) && ANSWERABLE_STATES.includes(challenge.status),
  /** The responses feature may refuse more (e.g. a second response); this is the challenge's side. */
  canRespond: (actor: Actor, challenge: ChallengeRef, now: Date) => isVerifiedStartupMember(actor) && isOpenForResponses(challenge, now),
};
