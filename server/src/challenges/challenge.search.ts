import { defineIndexSettings } from '../search/search-engine';
import { ENGLISH_STOP_WORDS } from '../search/english-stop-words';
import type { SearchSource } from '../search-sync/search-source';
import { f } from '../search/filter';
import type { SortSpec } from '../search/search-engine';
import { anyOf, type Searchable } from '../search/search-face';
import { assertTrl } from '../shared/validation';
import type { ChallengeFacet, ChallengeSearchSort, SearchChallengesInput } from '../contract/generated/resolvers-types';
import { challengePolicy, challengeVisibility } from './challenge.policy';
import { moneyBand, PUBLIC_SECTOR_SYNONYMS } from '../search/vocabulary';
import { organisationsById } from '../organisations/organisation.search';
import { ChallengeModel, type ChallengeRecord } from './challenge.model';

/** Challenges as the search engine holds them and as `searchChallenges` queries them. */
export const challengeSearchSource: SearchSource<ChallengeRecord> & Searchable<SearchChallengesInput, ChallengeRecord> = {
  index: 'challenges',
  query: {
    visibility: challengeVisibility,
    facets: {
      SECTORS: 'sectors',
      REGION: 'region',
      STATUS: 'status',
      BUDGET_BAND: 'budgetBand',
      ORGANISATION_TYPE: 'organisationType',
      MIN_TRL: 'minTrl',
      REQUIRED_ACCREDITATIONS: 'requiredAccreditations',
    } satisfies Record<ChallengeFacet, string>,
    sorts: {
      RELEVANCE: [],
      NEWEST: [{ field: 'createdAt', direction: 'desc' }],
      DEADLINE_SOONEST: [{ field: 'responseDeadline', direction: 'asc' }],
      BUDGET_HIGHEST: [{ field: 'budgetMaxGbp', direction: 'desc' }],
    } satisfies Record<ChallengeSearchSort, SortSpec[]>,
    highlight: ['title', 'summary', 'what'],
    semantic: true,
    narrow(input) {
      assertTrl('qualifyingTrl', input.qualifyingTrl);
      return [
        input.status ? f.eq('status', input.status) : undefined,
        anyOf('sectors', input.sectors),
        anyOf('region', input.regions),
        anyOf('budgetBand', input.budgetBands),
        anyOf('organisationType', input.organisationTypes),
        input.qualifyingTrl != null ? f.lte('minTrl', input.qualifyingTrl) : undefined,
        input.closingBefore != null ? f.lte('responseDeadline', new Date(input.closingBefore).getTime()) : undefined,
      ];
    },
    canSee: challengePolicy.canSee,
  },
  settings: defineIndexSettings({
    searchableAttributes: ['title', 'summary', 'tags', 'what', 'why', 'how', 'organisationName'],
    filterableAttributes: [
      'status', 'sectors', 'region', 'organisationId', 'organisationType', 'budgetBand', 'minTrl', 'requiredAccreditations',
      'responseDeadline',
    ],
    sortableAttributes: ['createdAt', 'responseDeadline', 'budgetMaxGbp'],
    synonyms: PUBLIC_SECTOR_SYNONYMS,
    stopWords: [...ENGLISH_STOP_WORDS],
  }),
  // The organisation's name and type are copied in; renaming it re-indexes these too.
  copiesFrom: [{ index: 'organisations', foreignKey: 'organisationId' }],
  model: ChallengeModel,
  embeddingText: (document) => [document.title, document.summary, document.what, document.why, document.how].filter(Boolean).join('\n'),
  async toDocuments(records) {
    const organisations = await organisationsById(records.map((record) => record.organisationId));
    return records.map((record) => {
      const organisation = organisations.get(record.organisationId.toHexString());
      return {
        id: record._id.toHexString(),
        version: record.searchVersion ?? 0, // records older than search tracking have none yet
        title: record.title,
        summary: record.summary,
        what: record.what,
        why: record.why,
        how: record.how,
        tags: record.tags,
        sectors: record.sectors,
        region: record.region,
        status: record.status,
        organisationId: record.organisationId.toHexString(),
        organisationName: organisation?.name ?? '',
        organisationType: organisation?.publicBodyType ?? 'OTHER',
        budgetBand: moneyBand(record.budgetMaxGbp),
        budgetMaxGbp: record.budgetMaxGbp,
        minTrl: record.minTrl,
        requiredAccreditations: record.requiredAccreditations,
        responseDeadline: record.responseDeadline.getTime(),
        createdAt: record.createdAt.getTime(),
      };
    });
  },
};
