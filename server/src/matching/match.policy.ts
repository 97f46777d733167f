import { type Actor, isMemberOf, isStaff, isSystem } from '../shared/actor';
import type { MatchParty, MatchStatus } from '../contract/generated/resolvers-types';
import type { MatchRecord } from './match.model';

/** The statuses a side of an introduction may see: nothing before staff introduce it. */
const INTRODUCED_STATUSES: readonly MatchStatus[] = ['INTRODUCED', 'ACCEPTED', 'DECLINED'];

type MatchRef = Pick<MatchRecord, 'status' | 'challengeOrganisationId' | 'solutionOrganisationId'>;

/** The parts someone can play towards one match. */
export type MatchRole = 'STAFF' | 'PLATFORM' | MatchParty;

/** The side the actor speaks for, if any: the public body first, should someone belong to both. */
export function partyOf(actor: Actor, match: MatchRef): MatchParty | undefined {
  if (isMemberOf(actor, match.challengeOrganisationId.toHexString())) return 'PUBLIC_BODY';
  if (isMemberOf(actor, match.solutionOrganisationId.toHexString())) return 'STARTUP';
  return undefined;
}

/** The roles the actor plays towards the match (possibly none). */
export function matchRolesOf(actor: Actor, match: MatchRef): MatchRole[] {
  const roles: MatchRole[] = [];
  const party = partyOf(actor, match);
  if (party) roles.push(party);
  if (isStaff(actor)) roles.push('STAFF');
  if (isSystem(actor)) roles.push('PLATFORM');
  return roles;
}

/** Who may see matches and run the matcher; match.lifecycle.ts says who may move one, and when. */
export const matchPolicy = {
  /** Staff and the platform see every match; each side only the introductions addressed to it. */
  canSee: (actor: Actor, match: MatchRef) =>
    isStaff(actor) || isSystem(actor) || (INTRODUCED_STATUSES.includes(match.status) && partyOf(actor, match) !== undefined),
  /** Staff run the matcher on demand; the platform runs it after writes. */
  canRunMatcher: (actor: Actor) => isStaff(actor) || isSystem(actor),
  /** Curating (the queue, notes, pairs by hand, the weights) is staff's work. */
  canCurate: (actor: Actor) => isStaff(actor),
  introducedStatuses: INTRODUCED_STATUSES,
};
