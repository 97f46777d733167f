import { defineIndexSettings } from '../search/search-engine';
import { ENGLISH_STOP_WORDS } from '../search/english-stop-words';
import type { SearchSource } from '../search-sync/search-source';
import { anyOf, type Searchable } from '../search/search-face';
import type { OrganisationFacet, SearchOrganisationsInput } from '../contract/generated/resolvers-types';
import { organisationPolicy, organisationVisibility } from './organisation.policy';
import { PUBLIC_SECTOR_SYNONYMS } from '../search/vocabulary';
import { trusted } from '../db/trusted';
import type { Types } from 'mongoose';
import { OrganisationModel, type OrganisationRecord } from './organisation.model';

/** Loads the organisations a batch of records belongs to, in one query, for denormalising into documents. */
export async function organisationsById(ids: Types.ObjectId[]): Promise<Map<string, OrganisationRecord>> {
  const organisations = await OrganisationModel.find({ _id: trusted({ $in: ids }) }).lean();
  return new Map(organisations.map((org) => [org._id.toHexString(), org]));
}

/** Organisations as the search engine holds them and as `searchOrganisations` queries them. */
export const organisationSearchSource: SearchSource<OrganisationRecord> & Searchable<SearchOrganisationsInput, OrganisationRecord> = {
  index: 'organisations',
  query: {
    visibility: organisationVisibility,
    facets: { KIND: 'kind', PUBLIC_BODY_TYPE: 'publicBodyType', REGION: 'region' } satisfies Record<OrganisationFacet, string>,
    sorts: { RELEVANCE: [] },
    highlight: ['name', 'description'],
    narrow: (input) => [anyOf('kind', input.kinds), anyOf('publicBodyType', input.publicBodyTypes), anyOf('region', input.regions)],
    canSee: organisationPolicy.canSee,
  },
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
