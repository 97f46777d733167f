import { describe, expect, it } from 'vitest';
import { countOf } from './plural';

describe('countOf', () => {
  it('uses the singular for exactly one, and the plural for none and many', () => {
    expect([0, 1, 2].map((count) => countOf(count, 'pilot'))).toEqual(['0 pilots', '1 pilot', '2 pilots']);
  });

  it('takes an irregular plural', () => {
    expect([1, 3].map((count) => countOf(count, 'match', 'matches'))).toEqual(['1 match', '3 matches']);
  });
});
