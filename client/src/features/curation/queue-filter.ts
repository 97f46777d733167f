import type { MatchSource, MatchStatus } from '../../gql/graphql';
import { MATCH_STATUS } from '../../components/ui/labels';
import { SOURCE_LABELS } from './labels';

/** The queue's filters, kept in the URL so a filtered queue can be bookmarked and shared. */
export interface QueueFilter {
  statuses: MatchStatus[];
  sources: MatchSource[];
  minScorePercent: number | null;
}

const isStatus = (value: string): value is MatchStatus => value in MATCH_STATUS;
const isSource = (value: string): value is MatchSource => value in SOURCE_LABELS;

export function parseQueueFilter(params: URLSearchParams): QueueFilter {
  const minScore = Number(params.get('minScore'));
  return {
    statuses: params.getAll('status').filter(isStatus),
    sources: params.getAll('source').filter(isSource),
    minScorePercent: params.has('minScore') && Number.isInteger(minScore) && minScore >= 0 && minScore <= 100 ? minScore : null,
  };
}

export function queueSearch(filter: QueueFilter): URLSearchParams {
  const params = new URLSearchParams();
  filter.statuses.forEach((status) => params.append('status', status));
  filter.sources.forEach((source) => params.append('source', source));
  if (filter.minScorePercent !== null) params.set('minScore', String(filter.minScorePercent));
  return params;
}
