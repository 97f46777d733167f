import { describe, expect, it } from 'vitest';
import { kpiSummary } from './kpi-summary';

const kpi = { name: 'Missed collections', unit: 'per week', baseline: 120, target: 60, direction: 'DECREASE' as const };

describe('a KPI in words', () => {
  it('says where it should go before anything is measured', () => {
    expect(kpiSummary({ ...kpi, measurements: [] })).toBe('Missed collections should go down from 120 per week to 60 per week. Nothing has been measured yet.');
  });

  it('gives the latest value, the progress and the pace', () => {
    const measured = { ...kpi, measurements: [{ value: 100, measuredOn: '2027-01-01' }, { value: 90, measuredOn: '2027-02-01' }], latestValue: 90, progress: 0.5, onTrack: false };
    expect(kpiSummary(measured)).toBe(
      'Missed collections should go down from 120 per week to 60 per week. The latest of 2 measurements is 90 per week. That is 50% of the way to the target. It is behind where it should be for the time elapsed.',
    );
  });

  it('says so when the KPI moves the wrong way', () => {
    expect(kpiSummary({ ...kpi, measurements: [{ value: 130, measuredOn: '2027-01-01' }], latestValue: 130, progress: -0.17, onTrack: null })).toMatch(/-17% of the way to the target, moving the wrong way\.$/);
  });
});
