import { defineIndexSettings } from '../search/search-engine';
import { ENGLISH_STOP_WORDS } from '../search/english-stop-words';
import type { SearchSource } from '../search-sync/search-source';
import { PUBLIC_SECTOR_SYNONYMS } from '../search/vocabulary';
import { trusted } from '../db/trusted';
import type { Types } from 'mongoose';
import { OrganisationModel, type OrganisationRecord } from './organisation.model';

/** Loads the organisations a batch of records belongs to, in one query, for denormalising into documents. */
export async function organisationsById(ids: Types.ObjectId[]): Promise<Map<string, OrganisationRecord>> {
  const organisations = await OrganisationModel.find({ _id: trusted({ $in: ids }) }).lean();
  return new Map(organisations.map((org) => [org._id.toHexString(), org]));
}

/** Organisations as the search engine holds them; only verified ones are found by outsiders. */
export const organisationSearchSource: SearchSource<OrganisationRecord> = {
  index: 'organisations',
  settings: defineIndexSettings({
    searchableAttributes: ['name', 'description'],
    filterableAttributes: ['kind', 'publicBodyType', 'region', 'verified', 'organisationId'],
    sortableAttributes: ['createdAt'],
    synonyms: PUBLIC_SECTOR_SYNONYMS,
    stopWords: [...ENGLISH_STOP_WORDS],
  }),
  model: OrganisationModel,
  async toDocuments(records) {
    return records.map((record) => ({
      id: record._id.toHexString(),
      version: record.searchVersion ?? 0, // records older than search tracking have none yet
      name: record.name,
      description: record.description ?? '',
      kind: record.kind,
      publicBodyType: record.publicBodyType ?? 'NONE',
      region: record.region ?? 'UK_WIDE',
      verified: record.verified,
      // Lets the visibility filter treat "own organisation" the same way as for challenges.
      organisationId: record._id.toHexString(),
      createdAt: record.createdAt.getTime(),
    }));
  },
};
