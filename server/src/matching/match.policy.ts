import { type Actor, isMemberOf, isStaff, isSystem } from '../shared/actor';
import { allowedEvents, type TransitionTable } from '../shared/state-machine';
import type { MatchEvent, MatchParty, MatchStatus } from '../contract/generated/resolvers-types';
import type { MatchRecord } from './match.model';

/**
 * A match's lifecycle. ACCEPT lands on ACCEPTED only once both sides have accepted: the first
 * acceptance is recorded and the match stays INTRODUCED (see acceptMatch). REJECT is open until
 * either side has decided; RESUGGEST brings a rejected pair back only after a material change.
 */
export const matchTransitions: TransitionTable<MatchStatus, MatchEvent> = {
  SUGGESTED: { SHORTLIST: 'SHORTLISTED', REJECT: 'REJECTED' },
  SHORTLISTED: { INTRODUCE: 'INTRODUCED', REJECT: 'REJECTED' },
  INTRODUCED: { ACCEPT: 'ACCEPTED', DECLINE: 'DECLINED', REJECT: 'REJECTED' },
  ACCEPTED: {},
  DECLINED: {},
  REJECTED: { RESUGGEST: 'SUGGESTED' },
};

/** The statuses a side of an introduction may see: nothing before staff introduce it. */
const INTRODUCED_STATUSES: readonly MatchStatus[] = ['INTRODUCED', 'ACCEPTED', 'DECLINED'];

type MatchRef = Pick<MatchRecord, 'status' | 'challengeOrganisationId' | 'solutionOrganisationId'> &
  Partial<Pick<MatchRecord, 'publicBodyAcceptedAt' | 'startupAcceptedAt'>>;

/** The side the actor speaks for, if any: the public body first, should someone belong to both. */
export function partyOf(actor: Actor, match: MatchRef): MatchParty | undefined {
  if (isMemberOf(actor, match.challengeOrganisationId.toHexString())) return 'PUBLIC_BODY';
  if (isMemberOf(actor, match.solutionOrganisationId.toHexString())) return 'STARTUP';
  return undefined;
}

/** Who may fire each event, whatever the state; the table then says when. */
const EVENT_ROLES: Record<MatchEvent, (actor: Actor, match: MatchRef) => boolean> = {
  // A suggestion is created, not fired from a state: by a matcher run or by staff adding a pair.
  SUGGEST: (actor) => isSystem(actor) || isStaff(actor),
  RESUGGEST: (actor) => isSystem(actor) || isStaff(actor),
  SHORTLIST: (actor) => isStaff(actor),
  INTRODUCE: (actor) => isStaff(actor),
  REJECT: (actor) => isStaff(actor),
  ACCEPT: (actor, match) => partyOf(actor, match) !== undefined,
  DECLINE: (actor, match) => partyOf(actor, match) !== undefined,
};

const alreadyAccepted = (actor: Actor, match: MatchRef) =>
  partyOf(actor, match) === 'PUBLIC_BODY' ? match.publicBodyAcceptedAt != null : match.startupAcceptedAt != null;

export const matchPolicy = {
  /** Staff and the platform see every match; each side only the introductions addressed to it. */
  canSee: (actor: Actor, match: MatchRef) =>
    isStaff(actor) || isSystem(actor) || (INTRODUCED_STATUSES.includes(match.status) && partyOf(actor, match) !== undefined),
  /** Staff run the matcher on demand; the platform runs it after writes. */
  canRunMatcher: (actor: Actor) => isStaff(actor) || isSystem(actor),
  canCurate: (actor: Actor) => isStaff(actor),
  hasRoleFor: (actor: Actor, match: MatchRef, event: MatchEvent) => EVENT_ROLES[event](actor, match),
  canFire: (actor: Actor, match: MatchRef, event: MatchEvent) =>
    EVENT_ROLES[event](actor, match) &&
    matchTransitions[match.status][event] !== undefined &&
    (event !== 'ACCEPT' || !alreadyAccepted(actor, match)),
  allowedEventsFor: (actor: Actor, match: MatchRef) =>
    allowedEvents(matchTransitions, match.status).filter((event) => matchPolicy.canFire(actor, match, event)),
};
