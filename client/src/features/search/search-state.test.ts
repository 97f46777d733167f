import { describe, expect, it } from 'vitest';
import { closingBefore, meaningNotUsed, readSearchState, writeSearchState } from './search-state';

describe('search state in the URL', () => {
  it('round-trips the query, facets, sort and mode', () => {
    const state = { query: 'bins', sectors: ['WASTE_AND_RECYCLING' as const], regions: ['LONDON' as const, 'WALES' as const], budgetBands: ['UNDER_25K' as const], closingWithin: '30' as const, sort: 'NEWEST' as const, mode: 'SEMANTIC' as const };
    const params = writeSearchState(state);
    expect(params.toString()).toBe('q=bins&sector=WASTE_AND_RECYCLING&region=LONDON&region=WALES&budget=UNDER_25K&closing=30&sort=NEWEST&mode=meaning');
    expect(readSearchState(params)).toEqual(state);
  });

  it('ignores values the API does not know, so an edited URL cannot break the search', () => {
    expect(readSearchState(new URLSearchParams('sector=NOPE&region=LONDON&closing=7&sort=RANDOM&mode=vibes'))).toEqual({
      query: '',
      sectors: [],
      regions: ['LONDON'],
      budgetBands: [],
      closingWithin: '',
      sort: 'RELEVANCE',
      mode: 'HYBRID',
    });
  });

  it('leaves the default mode (both) out of the URL', () => {
    expect(writeSearchState({ ...readSearchState(new URLSearchParams('q=bins')), mode: 'HYBRID' }).toString()).toBe('q=bins');
    expect(readSearchState(new URLSearchParams('mode=keyword')).mode).toBe('KEYWORD');
  });

  it('says why meaning was not used, and says nothing when it was or was not asked for', () => {
    const asked = { ...readSearchState(new URLSearchParams('q=bins&mode=meaning')) };
    expect(meaningNotUsed(asked, true)).toBeNull();
    expect(meaningNotUsed({ ...asked, mode: 'KEYWORD' }, false)).toBeNull();
    expect(meaningNotUsed(asked, false)).toMatch(/not available/);
    expect(meaningNotUsed({ ...asked, query: ' ' }, false)).toBeNull();
    expect(meaningNotUsed({ ...asked, sort: 'NEWEST' }, false)).toMatch(/sort order/);
  });

  it('turns a closing window into an instant that stays the same all day', () => {
    const morning = Date.parse('2027-03-01T08:00:00Z');
    const evening = Date.parse('2027-03-01T22:30:00Z');
    expect(closingBefore('14', morning)).toBe('2027-03-16T00:00:00.000Z');
    expect(closingBefore('14', evening)).toBe(closingBefore('14', morning));
    expect(closingBefore('')).toBeUndefined();
  });
});
