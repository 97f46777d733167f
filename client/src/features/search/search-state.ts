import type { ChallengeSearchSort, MoneyBand, Region, SearchMode, Sector } from '../../gql/graphql';
import { MONEY_BAND_LABELS, REGION_LABELS, SECTOR_LABELS } from '../../components/ui/labels';

/**
 * Everything that decides what the search shows lives in the URL, so a search can be bookmarked,
 * shared and reached again with Back. A new dimension is one more field here, one more control,
 * and one more input field.
 */
export interface ChallengeSearchState {
  query: string;
  sectors: Sector[];
  regions: Region[];
  budgetBands: MoneyBand[];
  /** Days until the response deadline, at most; empty for any deadline. */
  closingWithin: ClosingWindow | '';
  sort: ChallengeSearchSort;
  /** Shared words, closeness of meaning, or both fused; both unless the person chose otherwise. */
  mode: SearchMode;
}

export const SEARCH_MODE_LABELS: Record<SearchMode, string> = { HYBRID: 'Both', KEYWORD: 'Keyword', SEMANTIC: 'Meaning' };
const MODE_PARAMS: Record<SearchMode, string> = { HYBRID: 'both', KEYWORD: 'keyword', SEMANTIC: 'meaning' };

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
    mode: (Object.keys(MODE_PARAMS) as SearchMode[]).find((mode) => MODE_PARAMS[mode] === params.get('mode')) ?? 'HYBRID',
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
  if (state.mode !== 'HYBRID') params.set('mode', MODE_PARAMS[state.mode]);
  return params;
}

/**
 * Why the results were not ranked by meaning as asked; null when they were, or when it was not asked.
 * The API ranks by keyword alone for an empty query or an explicit sort, and when it has no model.
 */
export function meaningNotUsed(state: ChallengeSearchState, semanticUsed: boolean): string | null {
  // With no words there is nothing to rank: every open challenge is listed, whatever the mode.
  if (state.mode === 'KEYWORD' || semanticUsed || !state.query.trim()) return null;
  if (state.sort !== 'RELEVANCE') return 'Search by meaning ranks by best match. With this sort order, results match your words only.';
  return 'Search by meaning is not available at the moment. These results match your words only.';
}
