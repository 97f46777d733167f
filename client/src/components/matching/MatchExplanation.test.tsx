import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../gql';
import { MatchExplanation, MatchExplanation_ExplanationFragment } from './MatchExplanation';

const explanation = makeFragmentData(
  {
    score: 0.62,
    contributions: [
      { feature: 'SECTOR_OVERLAP', value: 1, weight: 0.15, contribution: 0.15, note: 'both in social care' },
      { feature: 'LEXICAL', value: 0.8, weight: 0.3, contribution: 0.24, note: 'many shared words' },
      { feature: 'TRACK_RECORD', value: null, weight: 0.05, contribution: 0.025, note: 'no pilots yet' },
    ],
    matchedTerms: ['falls', 'sensor'],
    checksPassed: [{ rule: 'MIN_TRL', passed: true, message: 'TRL 6 meets the minimum of 5' }],
    whyNot: [],
  },
  MatchExplanation_ExplanationFragment,
);

describe('MatchExplanation', () => {
  it('lists what each feature gave, largest first, in a table', () => {
    render(<MatchExplanation explanation={explanation} />);
    expect(screen.getByText('62%')).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'What the score is made of' })).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Shared words', 'Sectors in common', 'Track record in pilots']);
    expect(within(rows[2]!).getByText('Not known')).toBeInTheDocument();
  });

  it('shows the shared words and the requirements met', () => {
    render(<MatchExplanation explanation={explanation} />);
    expect(screen.getByText('falls')).toBeInTheDocument();
    expect(screen.getByText('Met: TRL 6 meets the minimum of 5')).toBeInTheDocument();
  });
});
