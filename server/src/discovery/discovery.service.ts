import { type Actor, isStaff, memberOrganisationIds } from '../shared/actor';
import { AppError, badInput } from '../shared/errors';
import { f, type Filter } from '../search/filter';
import { SearchUnavailableError, type SortSpec } from '../search/search-engine';
import { rankedSearch, type RankedResponse, type SearchMode } from '../search/hybrid-search';
import type { SearchAccess, ServiceContext } from '../context/service-context';
import type {
  ChallengeFacet,
  ChallengeSearchSort,
  SearchChallengesInput,
  SearchOrganisationsInput,
  SearchSolutionsInput,
  OrganisationFacet,
  SolutionFacet,
  SolutionSearchSort,
} from '../contract/generated/resolvers-types';

const MAX_QUERY_LENGTH = 200;
const MAX_PAGE = 50;
const HIGHLIGHT = { preTag: '<mark>', postTag: '</mark>' };

const CHALLENGE_FACETS: Record<ChallengeFacet, string> = {
  SECTORS: 'sectors',
  REGION: 'region',
  STATUS: 'status',
  BUDGET_BAND: 'budgetBand',
  ORGANISATION_TYPE: 'organisationType',
  MIN_TRL: 'minTrl',
  REQUIRED_ACCREDITATIONS: 'requiredAccreditations',
};

const SOLUTION_FACETS: Record<SolutionFacet, string> = {
  SECTORS: 'sectors',
  REGIONS_SERVED: 'regionsServed',
  STATUS: 'status',
  PRICE_BAND: 'priceBand',
  TRL: 'trl',
  PRICING_MODEL: 'pricingModel',
  ACCREDITATIONS: 'accreditations',
};

const ORGANISATION_FACETS: Record<OrganisationFacet, string> = {
  KIND: 'kind',
  PUBLIC_BODY_TYPE: 'publicBodyType',
  REGION: 'region',
};

const CHALLENGE_SORTS: Record<ChallengeSearchSort, SortSpec[]> = {
  RELEVANCE: [],
  NEWEST: [{ field: 'createdAt', direction: 'desc' }],
  DEADLINE_SOONEST: [{ field: 'responseDeadline', direction: 'asc' }],
  BUDGET_HIGHEST: [{ field: 'budgetMaxGbp', direction: 'desc' }],
};

const SOLUTION_SORTS: Record<SolutionSearchSort, SortSpec[]> = {
  RELEVANCE: [],
  NEWEST: [{ field: 'createdAt', direction: 'desc' }],
  TRL_HIGHEST: [{ field: 'trl', direction: 'desc' }],
  PRICE_LOWEST: [{ field: 'priceMinGbp', direction: 'asc' }],
};

/** Search results as the resolvers turn them into GraphQL: ids to load, plus engine facts. */
export interface DiscoveryResult {
  hits: { id: string; score: number; highlights: { field: string; snippet: string }[] }[];
  facets: { name: string; values: { value: string; count: number }[] }[];
  estimatedTotalHits: number;
  processingTimeMs: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  semantic: boolean;
  mode: SearchMode;
}

function decodeOffset(after: string | null | undefined): number {
  if (!after) return 0;
  const offset = Number(Buffer.from(after, 'base64url').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw badInput([{ field: 'after', message: 'is not a valid cursor' }]);
  return offset;
}

function pageLimit(first: number | null | undefined): number {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw badInput([{ field: 'first', message: `must be between 1 and ${MAX_PAGE}` }]);
  return limit;
}

function cleanQuery(query: string | null | undefined): string {
  const text = (query ?? '').trim();
  if (text.length > MAX_QUERY_LENGTH) throw badInput([{ field: 'query', message: `must be at most ${MAX_QUERY_LENGTH} characters` }]);
  return text;
}

/** What the viewer may find: public records, plus everything of their own organisations (everything for staff). */
function visibility(actor: Actor, isPublic: Filter, narrowing?: Filter): Filter | undefined {
  if (isStaff(actor)) return narrowing;
  const own = memberOrganisationIds(actor);
  const visible = own.length > 0 ? f.or(isPublic, f.in('organisationId', own)) : isPublic;
  return narrowing ? f.and(visible, narrowing) : visible;
}

const statusIs = (status: string | null | undefined) => (status ? f.eq('status', status) : undefined);

function anyOf(field: string, values: readonly (string | number)[] | null | undefined): Filter[] {
  return values && values.length > 0 ? [f.in(field, values)] : [];
}

function combine(filters: (Filter | undefined)[]): Filter | undefined {
  const present = filters.filter((filter): filter is Filter => filter !== undefined);
  const [first, ...rest] = present;
  return first ? (rest.length > 0 ? f.and(first, ...rest) : first) : undefined;
}

async function run(
  runtime: SearchAccess | undefined,
  index: string,
  request: {
    query: string;
    filter?: Filter;
    facets: string[];
    sort: SortSpec[];
    offset: number;
    limit: number;
    highlight: string[];
    mode?: SearchMode | null;
  },
): Promise<DiscoveryResult> {
  if (!runtime) throw new SearchUnavailableError('Search is not configured.');
  const engine = runtime.assertReady();
  const mode = request.mode ?? (runtime.embedder ? 'HYBRID' : 'KEYWORD');
  const queryVector = mode === 'KEYWORD' || request.query === '' ? undefined : await embedQuery(runtime, request.query);
  let response: RankedResponse;
  try {
    response = await rankedSearch(
      engine,
      index,
      {
        query: request.query,
        filter: request.filter,
        facets: request.facets,
        sort: request.sort,
        offset: request.offset,
        limit: request.limit,
        highlight: { fields: request.highlight, ...HIGHLIGHT },
      },
      mode,
      queryVector,
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new SearchUnavailableError('Search failed; try again shortly.', error);
  }
  const next = request.offset + response.hits.length;
  return {
    hits: response.hits.map((hit) => ({
      id: hit.id,
      score: hit.score,
      highlights: Object.entries(hit.highlights ?? {})
        .filter(([, snippet]) => snippet.includes(HIGHLIGHT.preTag))
        .map(([field, snippet]) => ({ field, snippet })),
    })),
    facets: Object.entries(response.facetDistribution).map(([name, values]) => ({
      name,
      values: Object.entries(values).map(([value, count]) => ({ value, count })),
    })),
    estimatedTotalHits: response.estimatedTotalHits,
    processingTimeMs: Math.round(response.processingTimeMs),
    pageInfo: {
      hasNextPage: next < response.estimatedTotalHits && response.hits.length === request.limit,
      endCursor: response.hits.length > 0 ? Buffer.from(`offset:${next}`, 'utf8').toString('base64url') : null,
    },
    semantic: response.mode !== 'KEYWORD',
    mode: response.mode,
  };
}

/** The query's vector, or none when there is no model or it fails: search then falls back to keywords. */
async function embedQuery(runtime: SearchAccess, query: string): Promise<Float32Array | undefined> {
  if (!runtime.embedder) return undefined;
  try {
    const [vector] = await runtime.embedder.embed([query], { priority: 'query' });
    return vector;
  } catch {
    return undefined;
  }
}

/** Searches the challenges the actor may see. Filters come only from typed input, never from strings. */
export function searchChallenges({ actor, now, search }: ServiceContext, input: SearchChallengesInput): Promise<DiscoveryResult> {
  if (input.qualifyingTrl != null && (!Number.isInteger(input.qualifyingTrl) || input.qualifyingTrl < 1 || input.qualifyingTrl > 9)) {
    throw badInput([{ field: 'qualifyingTrl', message: 'must be between 1 and 9' }]);
  }
  return run(search, 'challenges', {
    query: cleanQuery(input.query),
    filter: combine([
      // OPEN past its deadline is closed lazily on the next read; search must not show it as open meanwhile.
      visibility(actor, f.and(f.eq('status', 'OPEN'), f.gt('responseDeadline', now.getTime())), statusIs(input.status)),
      ...anyOf('sectors', input.sectors),
      ...anyOf('region', input.regions),
      ...anyOf('budgetBand', input.budgetBands),
      ...anyOf('organisationType', input.organisationTypes),
      input.qualifyingTrl != null ? f.lte('minTrl', input.qualifyingTrl) : undefined,
    ]),
    facets: (input.facets ?? []).map((facet) => CHALLENGE_FACETS[facet]),
    sort: CHALLENGE_SORTS[input.sort ?? 'RELEVANCE'],
    offset: decodeOffset(input.after),
    limit: pageLimit(input.first),
    highlight: ['title', 'summary', 'what'],
    mode: input.mode,
  });
}

/** Searches published solutions and the actor's own. */
export function searchSolutions({ actor, search }: ServiceContext, input: SearchSolutionsInput): Promise<DiscoveryResult> {
  if (input.minTrl != null && (!Number.isInteger(input.minTrl) || input.minTrl < 1 || input.minTrl > 9)) {
    throw badInput([{ field: 'minTrl', message: 'must be between 1 and 9' }]);
  }
  return run(search, 'solutions', {
    query: cleanQuery(input.query),
    filter: combine([
      visibility(actor, f.eq('status', 'PUBLISHED'), statusIs(input.status)),
      ...anyOf('sectors', input.sectors),
      ...anyOf('regionsServed', input.regions && input.regions.length > 0 ? [...input.regions, 'UK_WIDE'] : undefined),
      ...anyOf('priceBand', input.priceBands),
      ...anyOf('pricingModel', input.pricingModels),
      input.minTrl != null ? f.gte('trl', input.minTrl) : undefined,
      ...(input.accreditations ?? []).map((accreditation) => f.eq('accreditations', accreditation)),
    ]),
    facets: (input.facets ?? []).map((facet) => SOLUTION_FACETS[facet]),
    sort: SOLUTION_SORTS[input.sort ?? 'RELEVANCE'],
    offset: decodeOffset(input.after),
    limit: pageLimit(input.first),
    highlight: ['name', 'summary', 'description'],
    mode: input.mode,
  });
}

/** Searches verified organisations and the actor's own. */
export function searchOrganisations({ actor, search }: ServiceContext, input: SearchOrganisationsInput): Promise<DiscoveryResult> {
  return run(search, 'organisations', {
    query: cleanQuery(input.query),
    filter: combine([
      visibility(actor, f.eq('verified', true)),
      ...anyOf('kind', input.kinds),
      ...anyOf('publicBodyType', input.publicBodyTypes),
      ...anyOf('region', input.regions),
    ]),
    facets: (input.facets ?? []).map((facet) => ORGANISATION_FACETS[facet]),
    sort: [],
    offset: decodeOffset(input.after),
    limit: pageLimit(input.first),
    highlight: ['name', 'description'],
  });
}
