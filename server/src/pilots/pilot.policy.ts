import { type Actor, isMemberOf, isStaff } from '../shared/actor';
import type { PilotParty } from '../contract/generated/resolvers-types';
import type { PilotRecord } from './pilot.model';

/** The two organisations a pilot (or the accepted match it comes from) joins. */
export type PilotParties = Pick<PilotRecord, 'challengeOrganisationId' | 'solutionOrganisationId'>;

/** The parts someone can play towards one pilot: the public body, the start-up, staff. */
export type PilotRole = PilotParty;

/** The roles the actor plays towards the pilot (possibly none); someone in both organisations plays both. */
export function pilotRolesOf(actor: Actor, pilot: PilotParties): PilotRole[] {
  const roles: PilotRole[] = [];
  if (isMemberOf(actor, pilot.challengeOrganisationId.toHexString())) roles.push('PUBLIC_BODY');
  if (isMemberOf(actor, pilot.solutionOrganisationId.toHexString())) roles.push('STARTUP');
  if (isStaff(actor)) roles.push('STAFF');
  return roles;
}

/** Who may see a pilot; pilot.lifecycle.ts says who may change it, and when. */
export const pilotPolicy = {
  /** The two parties and staff; to everyone else a pilot does not exist. */
  canSee: (actor: Actor, pilot: PilotParties) => pilotRolesOf(actor, pilot).length > 0,
  /** Staff or either side of the accepted match start its pilot. */
  canStart: (actor: Actor, match: PilotParties) => pilotRolesOf(actor, match).length > 0,
  /** The side an update is signed as: the public body first, should someone belong to both. */
  partyOf: (actor: Actor, pilot: PilotParties): PilotParty | undefined => pilotRolesOf(actor, pilot)[0],
};
