import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KpiChart } from './KpiChart';

const kpi = { name: 'Missed collections', unit: 'per week', baseline: 120, target: 60, direction: 'DECREASE' as const };

describe('KpiChart', () => {
  it('is one image named after the KPI and described by its summary', () => {
    render(<KpiChart id="k" kpi={{ ...kpi, measurements: [{ value: 100, measuredOn: '2027-01-01T12:00:00Z' }, { value: 90, measuredOn: '2027-02-01T12:00:00Z' }] }} summary="Down from 120 to 90." />);
    const chart = screen.getByRole('img', { name: 'Chart of Missed collections' });
    expect(chart).toHaveAccessibleDescription('Down from 120 to 90.');
    expect(chart.querySelectorAll('circle')).toHaveLength(2);
    expect(chart.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(2);
  });

  it('plots higher values higher, whatever the order they were recorded in', () => {
    render(<KpiChart id="k" kpi={{ ...kpi, measurements: [{ value: 60, measuredOn: '2027-03-01T12:00:00Z' }, { value: 110, measuredOn: '2027-01-01T12:00:00Z' }] }} summary="" />);
    const [early, late] = [...screen.getByRole('img').querySelectorAll('circle')].map((circle) => ({ x: Number(circle.getAttribute('cx')), y: Number(circle.getAttribute('cy')) }));
    expect(early!.x).toBeLessThan(late!.x);
    expect(early!.y).toBeLessThan(late!.y);
  });

  it('says there is nothing to plot before the first measurement', () => {
    render(<KpiChart id="k" kpi={{ ...kpi, measurements: [] }} summary="Nothing yet." />);
    expect(screen.getByText('No measurements yet')).toBeInTheDocument();
    expect(screen.getByRole('img').querySelectorAll('circle')).toHaveLength(0);
  });
});
