import { type Actor, memberOrganisationIds } from '../shared/actor';
import { toObjectId } from './ids';
import { trusted } from './trusted';

/** Query condition: `field` holds one of the actor's organisations (matches nothing for anonymous visitors). */
export function inOwnOrganisations(actor: Actor, field = 'organisationId'): Record<string, unknown> {
  return { [field]: trusted({ $in: memberOrganisationIds(actor).map((id) => toObjectId('Organisation', id)) }) };
}
