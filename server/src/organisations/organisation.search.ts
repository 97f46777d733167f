import { defineIndexSettings } from '../search/search-engine';
import { ENGLISH_STOP_WORDS } from '../search/english-stop-words';
import type { SearchSource } from '../search-sync/search-source';
import { PUBLIC_SECTOR_SYNONYMS } from '../search-sync/organisation-names';
import { OrganisationModel, type OrganisationRecord } from './organisation.model';

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
