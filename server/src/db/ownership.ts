import { type Actor, isStaff, memberOrganisationIds } from '../shared/actor';
import { toObjectId } from './ids';
import { trusted } from './trusted';

/** Query condition: `field` holds one of the actor's organisations (matches nothing for anonymous visitors). */
export function inOwnOrganisations(actor: Actor, field = 'organisationId'): Record<string, unknown> {
  return { [field]: trusted({ $in: memberOrganisationIds(actor).map((id) => toObjectId('Organisation', id)) }) };
}

/** What a list may show the actor: public records plus their own organisations' (everything for staff). */
export function publicOrOwn(actor: Actor, isPublic: Record<string, unknown>): Record<string, unknown> {
  return isStaff(actor) ? {} : { $or: [isPublic, inOwnOrganisations(actor)] };
}
