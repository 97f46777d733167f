import { byIdLoader } from '../db/loaders';
import { OrganisationModel } from './organisation.model';

/** Batches organisation look-ups by id into one query per request tick. Visibility is checked by callers. */
export function createOrganisationLoaders() {
  return { organisationById: byIdLoader(OrganisationModel) };
}
