import type { KpiDirection } from '../../gql/graphql';
import { countOf } from '../../components/ui/plural';

export interface KpiFigures {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  direction: KpiDirection;
  measurements: { value: number; measuredOn: string }[];
  latestValue?: number | null;
  progress?: number | null;
  onTrack?: boolean | null;
}

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
export const formatValue = (value: number, unit: string) => `${number.format(value)} ${unit}`.trim();

/**
 * The chart in words, for everyone who cannot or would rather not read a chart: where the KPI
 * started, where it should get to, where it is now and whether that keeps pace with the pilot.
 */
export function kpiSummary(kpi: KpiFigures): string {
  const aim = `${kpi.direction === 'DECREASE' ? 'down' : 'up'} from ${formatValue(kpi.baseline, kpi.unit)} to ${formatValue(kpi.target, kpi.unit)}`;
  if (kpi.measurements.length === 0 || kpi.latestValue == null) return `${kpi.name} should go ${aim}. Nothing has been measured yet.`;
  const count = kpi.measurements.length === 1 ? 'one measurement' : countOf(kpi.measurements.length, 'measurement');
  const progress = kpi.progress == null ? '' : ` That is ${Math.round(kpi.progress * 100)}% of the way to the target${kpi.progress < 0 ? ', moving the wrong way' : ''}.`;
  const pace = kpi.onTrack == null ? '' : kpi.onTrack ? ' It is on track for the time elapsed.' : ' It is behind where it should be for the time elapsed.';
  return `${kpi.name} should go ${aim}. The latest of ${count} is ${formatValue(kpi.latestValue, kpi.unit)}.${progress}${pace}`;
}
