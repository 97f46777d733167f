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
  /** Days until the response deadline, at most; empty for any deadline. */
  closingWithin: ClosingWindow | '';
  sort: ChallengeSearchSort;
}

export const CLOSING_WINDOW_LABELS = { '14': 'Within 2 weeks', '30': 'Within a month', '90': 'Within 3 months' } as const;
export type ClosingWindow = keyof typeof CLOSING_WINDOW_LABELS;

const DAY_MS = 86_400_000;

/**
 * The instant a closing window ends, rounded up to the next midnight (UTC) so that it stays the
 * same all day: the query, and so its cached result, do not change with every render.
 */
export function closingBefore(window: ClosingWindow | '', now = Date.now()): string | undefined {
  if (!window) return undefined;
  return new Date((Math.floor(now / DAY_MS) + 1 + Number(window)) * DAY_MS).toISOString();
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
    closingWithin: allowed(params.getAll('closing'), CLOSING_WINDOW_LABELS)[0] ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'RELEVANCE',
  };
}

export function writeSearchState(state: ChallengeSearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  state.sectors.forEach((sector) => params.append('sector', sector));
  state.regions.forEach((region) => params.append('region', region));
  state.budgetBands.forEach((band) => params.append('budget', band));
  if (state.closingWithin) params.set('closing', state.closingWithin);
  if (state.sort !== 'RELEVANCE') params.set('sort', state.sort);
  return params;
}
