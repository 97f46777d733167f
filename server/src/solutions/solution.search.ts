import { defineIndexSettings } from '../search/search-engine';
import { ENGLISH_STOP_WORDS } from '../search/english-stop-words';
import type { SearchSource } from '../search-sync/search-source';
import { f } from '../search/filter';
import type { SortSpec } from '../search/search-engine';
import { anyOf, type Searchable } from '../search/search-face';
import { assertTrl } from '../shared/validation';
import type { SearchSolutionsInput, SolutionFacet, SolutionSearchSort } from '../contract/generated/resolvers-types';
import { solutionPolicy, solutionVisibility } from './solution.policy';
import { moneyBand, PUBLIC_SECTOR_SYNONYMS } from '../search/vocabulary';
import { organisationsById } from '../organisations/organisation.search';
import { SolutionModel, type SolutionRecord } from './solution.model';

/** Solutions as the search engine holds them and as `searchSolutions` queries them. */
export const solutionSearchSource: SearchSource<SolutionRecord> & Searchable<SearchSolutionsInput, SolutionRecord> = {
  index: 'solutions',
  query: {
    visibility: solutionVisibility,
    facets: {
      SECTORS: 'sectors',
      REGIONS_SERVED: 'regionsServed',
      STATUS: 'status',
      PRICE_BAND: 'priceBand',
      TRL: 'trl',
      PRICING_MODEL: 'pricingModel',
      ACCREDITATIONS: 'accreditations',
    } satisfies Record<SolutionFacet, string>,
    sorts: {
      RELEVANCE: [],
      NEWEST: [{ field: 'createdAt', direction: 'desc' }],
      TRL_HIGHEST: [{ field: 'trl', direction: 'desc' }],
      PRICE_LOWEST: [{ field: 'priceMinGbp', direction: 'asc' }],
    } satisfies Record<SolutionSearchSort, SortSpec[]>,
    highlight: ['name', 'summary', 'description'],
    semantic: true,
    narrow(input) {
      assertTrl('minTrl', input.minTrl);
      return [
        input.status ? f.eq('status', input.status) : undefined,
        anyOf('sectors', input.sectors),
        // A solution serving the whole UK serves every region.
        anyOf('regionsServed', input.regions && input.regions.length > 0 ? [...input.regions, 'UK_WIDE'] : undefined),
        anyOf('priceBand', input.priceBands),
        anyOf('pricingModel', input.pricingModels),
        input.minTrl != null ? f.gte('trl', input.minTrl) : undefined,
        ...(input.accreditations ?? []).map((accreditation) => f.eq('accreditations', accreditation)),
      ];
    },
    canSee: solutionPolicy.canSee,
  },
  settings: defineIndexSettings({
    searchableAttributes: ['name', 'summary', 'capabilities', 'tags', 'description', 'organisationName'],
    filterableAttributes: ['status', 'sectors', 'regionsServed', 'organisationId', 'trl', 'pricingModel', 'priceBand', 'accreditations'],
    sortableAttributes: ['createdAt', 'trl', 'priceMinGbp'],
    synonyms: PUBLIC_SECTOR_SYNONYMS,
    stopWords: [...ENGLISH_STOP_WORDS],
  }),
  // The organisation's name and type are copied in; renaming it re-indexes these too.
  copiesFrom: [{ index: 'organisations', foreignKey: 'organisationId' }],
  model: SolutionModel,
  embeddingText: (document) =>
    [document.name, document.summary, (document.capabilities as string[] | undefined)?.join(', '), document.description].filter(Boolean).join('\n'),
  async toDocuments(records) {
    const organisations = await organisationsById(records.map((record) => record.organisationId));
    return records.map((record) => ({
      id: record._id.toHexString(),
      version: record.searchVersion ?? 0, // records older than search tracking have none yet
      name: record.name,
      summary: record.summary,
      description: record.description,
      capabilities: record.capabilities,
      tags: record.tags,
      sectors: record.sectors,
      regionsServed: record.regionsServed,
      status: record.status,
      organisationId: record.organisationId.toHexString(),
      organisationName: organisations.get(record.organisationId.toHexString())?.name ?? '',
      trl: record.trl,
      pricingModel: record.pricingModel,
      priceBand: moneyBand(record.priceMinGbp),
      priceMinGbp: record.priceMinGbp,
      // Every accreditation held, expired or not: eligibility re-checks expiry against the record.
      accreditations: [...new Set(record.evidence.flatMap((item) => (item.accreditation ? [item.accreditation.type] : [])))],
      createdAt: record.createdAt.getTime(),
    }));
  },
};
