import { describe, expect, it } from 'vitest';
import { readSearchState, writeSearchState } from './search-state';

describe('search state in the URL', () => {
  it('round-trips the query, facets and sort', () => {
    const state = { query: 'bins', sectors: ['WASTE_AND_RECYCLING' as const], regions: ['LONDON' as const, 'WALES' as const], budgetBands: ['UNDER_25K' as const], sort: 'NEWEST' as const };
    const params = writeSearchState(state);
    expect(params.toString()).toBe('q=bins&sector=WASTE_AND_RECYCLING&region=LONDON&region=WALES&budget=UNDER_25K&sort=NEWEST');
    expect(readSearchState(params)).toEqual(state);
  });

  it('ignores values the API does not know, so an edited URL cannot break the search', () => {
    expect(readSearchState(new URLSearchParams('sector=NOPE&region=LONDON&sort=RANDOM'))).toEqual({
      query: '',
      sectors: [],
      regions: ['LONDON'],
      budgetBands: [],
      sort: 'RELEVANCE',
    });
  });
});
