import { type Actor, isMemberOf, isStaff } from '../shared/actor';
import type { ResponseRecord } from './response.model';

type ResponseRef = Pick<ResponseRecord, 'organisationId' | 'challengeOrganisationId'>;

/** The parts someone can play towards one response. */
export type ResponseRole = 'RESPONDER' | 'CHALLENGE_OWNER' | 'STAFF';

const isResponder = (actor: Actor, response: ResponseRef) => isMemberOf(actor, response.organisationId.toHexString());
const isChallengeOwner = (actor: Actor, response: ResponseRef) => isMemberOf(actor, response.challengeOrganisationId.toHexString());

/** The roles the actor plays towards the response (possibly none). */
export function responseRolesOf(actor: Actor, response: ResponseRef): ResponseRole[] {
  const roles: ResponseRole[] = [];
  if (isResponder(actor, response)) roles.push('RESPONDER');
  if (isChallengeOwner(actor, response)) roles.push('CHALLENGE_OWNER');
  if (isStaff(actor)) roles.push('STAFF');
  return roles;
}

/** Who may see a response; response.lifecycle.ts says who may act on it, and when. */
export const responsePolicy = {
  /** Never other start-ups: only the responder, the challenge's owner and staff. */
  canSee: (actor: Actor, response: ResponseRef) => isStaff(actor) || isResponder(actor, response) || isChallengeOwner(actor, response),
};
