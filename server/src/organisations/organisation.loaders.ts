import { trusted } from '../db/trusted';
import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { OrganisationModel, type OrganisationRecord } from './organisation.model';

/** Batches organisation look-ups by id into one query per request tick. Visibility is checked by callers. */
export function createOrganisationLoaders() {
  return {
    organisationById: new DataLoader<string, OrganisationRecord | null>(async (ids) => {
      const records = await OrganisationModel.find({ _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) }).lean();
      const byId = new Map(records.map((record) => [record._id.toHexString(), record]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
