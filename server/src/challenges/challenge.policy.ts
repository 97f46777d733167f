import { type Actor, isMemberOf, isStaff, membershipOf } from '../shared/actor';
import { allowedEvents, type TransitionTable } from '../shared/state-machine';
import type { ChallengeEvent, ChallengeStatus } from '../contract/generated/resolvers-types';
import type { ChallengeRecord } from './challenge.model';

type ChallengeRef = Pick<ChallengeRecord, 'organisationId' | 'status' | 'responseDeadline'>;

/**
 * The challenge lifecycle. UPDATE is a self-loop so that "only drafts can be edited" is stated here
 * with the rest of the lifecycle and refused with the same INVALID_TRANSITION error.
 * Passing the deadline also moves OPEN to CLOSED (see closeExpired in challenge.service.ts).
 */
export const challengeTransitions: TransitionTable<ChallengeStatus, ChallengeEvent> = {
  DRAFT: { UPDATE: 'DRAFT', SUBMIT: 'SUBMITTED_FOR_REVIEW', WITHDRAW: 'WITHDRAWN' },
  SUBMITTED_FOR_REVIEW: { PUBLISH: 'OPEN', REQUEST_CHANGES: 'DRAFT', WITHDRAW: 'WITHDRAWN' },
  OPEN: { CLOSE: 'CLOSED', WITHDRAW: 'WITHDRAWN' },
  CLOSED: { ARCHIVE: 'ARCHIVED' },
  WITHDRAWN: { ARCHIVE: 'ARCHIVED' },
  ARCHIVED: {},
};

/** The parts someone can play towards one challenge. */
export type ChallengeRole = 'OWNER' | 'STAFF';

/** Who may fire each event, whatever the state; the transition table then says when. */
export const challengeEventRoles: Record<ChallengeEvent, readonly ChallengeRole[]> = {
  UPDATE: ['OWNER'],
  SUBMIT: ['OWNER'],
  PUBLISH: ['STAFF'],
  REQUEST_CHANGES: ['STAFF'],
  CLOSE: ['OWNER', 'STAFF'],
  WITHDRAW: ['OWNER'],
  ARCHIVE: ['OWNER', 'STAFF'],
};

/** States in which the owner may still answer clarification questions. */
const ANSWERABLE_STATES: readonly ChallengeStatus[] = ['OPEN', 'CLOSED'];

const ownerOrgId = (challenge: ChallengeRef) => challenge.organisationId.toHexString();

/** True for members of the public body that owns the challenge. */
export function isChallengeOwner(actor: Actor, challenge: ChallengeRef): boolean {
  return isMemberOf(actor, ownerOrgId(challenge));
}

/** The roles the actor plays towards the challenge (possibly none). */
export function challengeRolesOf(actor: Actor, challenge: ChallengeRef): ChallengeRole[] {
  const roles: ChallengeRole[] = [];
  if (isChallengeOwner(actor, challenge)) roles.push('OWNER');
  if (isStaff(actor)) roles.push('STAFF');
  return roles;
}

/** Whether the actor's role lets them fire the event at all, in any state. */
export function hasRoleFor(actor: Actor, challenge: ChallengeRef, event: ChallengeEvent): boolean {
  const roles = challengeRolesOf(actor, challenge);
  return challengeEventRoles[event].some((role) => roles.includes(role));
}

/** Only verified public bodies put challenges in front of staff and start-ups. */
export function ownerIsVerified(actor: Actor, challenge: ChallengeRef): boolean {
  return membershipOf(actor, ownerOrgId(challenge))?.organisationVerified === true;
}

/** A member of a verified start-up: the only kind of actor that asks questions or responds. */
export function isVerifiedStartupMember(actor: Actor): boolean {
  return actor.kind === 'user' && actor.memberships.some((m) => m.organisationKind === 'STARTUP' && m.organisationVerified);
}

/**
 * Start-ups may respond to a challenge only while it is OPEN and its deadline has not passed.
 * Checks the deadline itself, so it is right even for a record read before the lazy close.
 */
export function isOpenForResponses(challenge: Pick<ChallengeRecord, 'status' | 'responseDeadline'>, now: Date): boolean {
  return challenge.status === 'OPEN' && challenge.responseDeadline.getTime() > now.getTime();
}

/**
 * Who may do what with a challenge. Services enforce these; `viewerCan` and `allowedEvents` expose
 * the same answers to the UI.
 */
export const challengePolicy = {
  /** OPEN challenges are public; every other state only to the owning body and staff. */
  canSee: (actor: Actor, challenge: ChallengeRef) =>
    challenge.status === 'OPEN' || isStaff(actor) || isChallengeOwner(actor, challenge),
  /** Response counts and staff feedback are the owner's and staff's business. */
  canSeeInternals: (actor: Actor, challenge: ChallengeRef) => isStaff(actor) || isChallengeOwner(actor, challenge),
  /** Only members of a public body create challenges for it (verified or not: drafting needs no verification). */
  canCreateFor: (actor: Actor, organisationId: string) => membershipOf(actor, organisationId)?.organisationKind === 'PUBLIC_BODY',
  /** The role allows the event, the state allows it, and a submission comes from a verified body. */
  canFire: (actor: Actor, challenge: ChallengeRef, event: ChallengeEvent) =>
    hasRoleFor(actor, challenge, event) &&
    challengeTransitions[challenge.status][event] !== undefined &&
    (event !== 'SUBMIT' || ownerIsVerified(actor, challenge)),
  /** The events the viewer may fire now, in table order. */
  allowedEventsFor: (actor: Actor, challenge: ChallengeRef) =>
    allowedEvents(challengeTransitions, challenge.status).filter((event) => challengePolicy.canFire(actor, challenge, event)),
  canAskQuestion: (actor: Actor, challenge: ChallengeRef, now: Date) => isVerifiedStartupMember(actor) && isOpenForResponses(challenge, now),
  canAnswerQuestion: (actor: Actor, challenge: ChallengeRef) =>
    isChallengeOwner(actor, challenge) && ANSWERABLE_STATES.includes(challenge.status),
  /** The responses feature may refuse more (e.g. a second response); this is the challenge's side. */
  canRespond: (actor: Actor, challenge: ChallengeRef, now: Date) => isVerifiedStartupMember(actor) && isOpenForResponses(challenge, now),
};
