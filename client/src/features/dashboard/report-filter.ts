import type { ReportFilter, Region, Sector } from '../../gql/graphql';
import { REGION_LABELS, SECTOR_LABELS } from '../../components/ui/labels';

/** The cohort a report covers, as the URL keeps it: publication dates as YYYY-MM-DD, both ends included. */
export interface ReportFilterState {
  from: string;
  to: string;
  sector: Sector | '';
  region: Region | '';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: string | null) => (value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : '');

export function parseReportFilter(params: URLSearchParams): ReportFilterState {
  const sector = params.get('sector') ?? '';
  const region = params.get('region') ?? '';
  return {
    from: validDay(params.get('from')),
    to: validDay(params.get('to')),
    sector: sector in SECTOR_LABELS ? (sector as Sector) : '',
    region: region in REGION_LABELS ? (region as Region) : '',
  };
}

export function reportSearch(state: ReportFilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'sector', 'region'] as const) if (state[key]) params.set(key, state[key]);
  return params;
}

/** The API's filter: `to` is exclusive there, so the day after the last day asked for. */
export function reportFilterInput(state: ReportFilterState): ReportFilter {
  const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    from: state.from ? `${state.from}T00:00:00.000Z` : undefined,
    to: state.to ? dayAfter(state.to) : undefined,
    sector: state.sector || undefined,
    region: state.region || undefined,
  };
}

/** The cohort in words, for headings and summaries. */
export function describeCohort(state: ReportFilterState): string {
  const parts = ['challenges published'];
  if (state.from && state.to) parts.push(`from ${state.from} to ${state.to}`);
  else if (state.from) parts.push(`since ${state.from}`);
  else if (state.to) parts.push(`up to ${state.to}`);
  if (state.sector) parts.push(`in ${SECTOR_LABELS[state.sector].toLowerCase()}`);
  if (state.region) parts.push(`in ${REGION_LABELS[state.region]}`);
  return parts.join(' ');
}
