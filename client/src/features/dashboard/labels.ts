import type { FunnelStage } from '../../gql/graphql';

export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  CHALLENGES_PUBLISHED: 'Challenges published',
  RESPONSES: 'Responses',
  SUGGESTIONS: 'Suggested matches',
  SHORTLISTED: 'Shortlisted',
  INTRODUCED: 'Introduced',
  ACCEPTED: 'Accepted by both sides',
  PILOTS: 'Pilots',
  ADOPTED: 'Adopted',
};

export const days = (value: number | null) => (value === null ? 'not yet known' : `${value.toFixed(1)} days`);
