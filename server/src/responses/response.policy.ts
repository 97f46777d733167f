import { type Actor, isMemberOf, isStaff } from '../shared/actor';
import { allowedEvents, type TransitionTable } from '../shared/state-machine';
import type { ResponseEvent, ResponseStatus } from '../contract/generated/resolvers-types';
import type { ResponseRecord } from './response.model';

/** A response's lifecycle. Decided responses are final; a withdrawn one frees the start-up to respond again. */
export const responseTransitions: TransitionTable<ResponseStatus, ResponseEvent> = {
  SUBMITTED: { UPDATE: 'SUBMITTED', SHORTLIST: 'SHORTLISTED', DECLINE: 'DECLINED', WITHDRAW: 'WITHDRAWN' },
  SHORTLISTED: { DECLINE: 'DECLINED', WITHDRAW: 'WITHDRAWN' },
  DECLINED: {},
  WITHDRAWN: {},
};

type ResponseRef = Pick<ResponseRecord, 'organisationId' | 'challengeOrganisationId' | 'status'>;

const isResponder = (actor: Actor, response: ResponseRef) => isMemberOf(actor, response.organisationId.toHexString());
const isChallengeOwner = (actor: Actor, response: ResponseRef) => isMemberOf(actor, response.challengeOrganisationId.toHexString());

/** The start-up writes and withdraws its response; the public body and staff decide on it. */
const EVENT_ROLES: Record<ResponseEvent, (actor: Actor, response: ResponseRef) => boolean> = {
  UPDATE: isResponder,
  WITHDRAW: isResponder,
  SHORTLIST: (actor, response) => isStaff(actor) || isChallengeOwner(actor, response),
  DECLINE: (actor, response) => isStaff(actor) || isChallengeOwner(actor, response),
};

/**
 * Who may see and act on a response; `viewerCan` exposes the same answers. `challengeOpen` says
 * whether the challenge still takes responses: edits stop at the deadline (see updateResponse).
 */
export const responsePolicy = {
  /** Never other start-ups: only the responder, the challenge's owner and staff. */
  canSee: (actor: Actor, response: ResponseRef) => isStaff(actor) || isResponder(actor, response) || isChallengeOwner(actor, response),
  hasRoleFor: (actor: Actor, response: ResponseRef, event: ResponseEvent) => EVENT_ROLES[event](actor, response),
  canFire: (actor: Actor, response: ResponseRef, event: ResponseEvent, challengeOpen: boolean) =>
    EVENT_ROLES[event](actor, response) && responseTransitions[response.status][event] !== undefined && (event !== 'UPDATE' || challengeOpen),
  allowedEventsFor: (actor: Actor, response: ResponseRef, challengeOpen: boolean) =>
    allowedEvents(responseTransitions, response.status).filter((event) => responsePolicy.canFire(actor, response, event, challengeOpen)),
};
