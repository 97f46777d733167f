import type { ChallengeSearchSort, MoneyBand, Region, Sector } from '../../gql/graphql';
import { MONEY_BAND_LABELS, REGION_LABELS, SECTOR_LABELS } from '../../components/ui/labels';

/**
 * Everything that decides what the search shows lives in the URL, so a search can be bookmarked,
 * shared and reached again with Back. A new dimension (such as the keyword / meaning / both mode)
 * is one more field here, one more control, and one more input field.
 */
export interface ChallengeSearchState {
  query: string;
  sectors: Sector[];
  regions: Region[];
  budgetBands: MoneyBand[];
  sort: ChallengeSearchSort;
}

const SORTS: ChallengeSearchSort[] = ['RELEVANCE', 'DEADLINE_SOONEST', 'NEWEST', 'BUDGET_HIGHEST'];

function allowed<T extends string>(values: string[], labels: Record<T, string>): T[] {
  return values.filter((value): value is T => value in labels);
}

export function readSearchState(params: URLSearchParams): ChallengeSearchState {
  const sort = params.get('sort') as ChallengeSearchSort | null;
  return {
    query: params.get('q') ?? '',
    sectors: allowed(params.getAll('sector'), SECTOR_LABELS),
    regions: allowed(params.getAll('region'), REGION_LABELS),
    budgetBands: allowed(params.getAll('budget'), MONEY_BAND_LABELS),
    sort: sort && SORTS.includes(sort) ? sort : 'RELEVANCE',
  };
}

export function writeSearchState(state: ChallengeSearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  state.sectors.forEach((sector) => params.append('sector', sector));
  state.regions.forEach((region) => params.append('region', region));
  state.budgetBands.forEach((band) => params.append('budget', band));
  if (state.sort !== 'RELEVANCE') params.set('sort', state.sort);
  return params;
}
