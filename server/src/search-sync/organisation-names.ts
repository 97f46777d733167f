import { trusted } from '../db/trusted';
import type { Types } from 'mongoose';
import { OrganisationModel, type OrganisationRecord } from '../organisations/organisation.model';

/** Loads the organisations a batch of records belongs to, in one query, for denormalising into documents. */
export async function organisationsById(ids: Types.ObjectId[]): Promise<Map<string, OrganisationRecord>> {
  const organisations = await OrganisationModel.find({ _id: trusted({ $in: ids }) }).lean();
  return new Map(organisations.map((org) => [org._id.toHexString(), org]));
}

/** Facet buckets for money, so users can narrow by order of magnitude rather than exact figures. */
export function moneyBand(gbp: number): string {
  if (gbp < 25_000) return 'UNDER_25K';
  if (gbp < 100_000) return 'FROM_25K_TO_100K';
  if (gbp < 250_000) return 'FROM_100K_TO_250K';
  return 'OVER_250K';
}

/** Words public bodies and start-ups use for the same things; both directions are listed. */
export const PUBLIC_SECTOR_SYNONYMS: Record<string, string[]> = {
  gp: ['doctor', 'surgery'],
  doctor: ['gp'],
  surgery: ['gp'],
  flytipping: ['dumping'],
  dumping: ['flytipping'],
  ev: ['electric'],
  rota: ['roster', 'scheduling'],
  roster: ['rota', 'scheduling'],
  rostering: ['scheduling'],
  scheduling: ['rostering'],
  loneliness: ['isolation'],
  isolation: ['loneliness'],
  translation: ['interpreting'],
  interpreting: ['translation'],
  bins: ['waste', 'refuse'],
  refuse: ['waste', 'bins'],
};
