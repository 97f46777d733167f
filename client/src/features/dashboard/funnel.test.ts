import { describe, expect, it } from 'vitest';
import type { FunnelStage } from '../../gql/graphql';
import { funnelSummary, stageRatio } from './funnel';

const step = (stage: FunnelStage, count: number, conversionFromPrevious: number | null) => ({ stage, count, conversionFromPrevious });

describe('funnelSummary', () => {
  it('makes each noun agree with its count', () => {
    const summary = funnelSummary([step('CHALLENGES_PUBLISHED', 1, null), step('RESPONSES', 1, 1), step('PILOTS', 1, 1), step('ADOPTED', 0, 0)]);
    expect(summary).toBe('1 challenge published led to 1 response, 1 pilot, 0 adopted. The steepest drop is into adopted, at 0% of the stage before.');
  });

  it('counts a stage that outnumbers the one before as growth, not as the steepest drop', () => {
    const summary = funnelSummary([step('CHALLENGES_PUBLISHED', 2, null), step('RESPONSES', 6, 3), step('SUGGESTIONS', 3, 0.5), step('PILOTS', 2, 2 / 3)]);
    expect(summary).toBe('2 challenges published led to 6 responses, 3 suggested matches, 2 pilots. The steepest drop is into suggested matches, at 50% of the stage before.');
  });

  it('says the funnel is empty when nothing was published', () => {
    expect(funnelSummary([step('CHALLENGES_PUBLISHED', 0, null), step('RESPONSES', 0, null)])).toBe('No challenges were published in this period, so the funnel is empty.');
  });
});

describe('stageRatio', () => {
  it('is a share up to the whole stage before, and a multiple beyond it', () => {
    expect([0.4, 1, 3].map(stageRatio)).toEqual(['40%', '100%', '3.0 times as many']);
  });
});
