import type { MatchRejectionReason, MatchSource } from '../../gql/graphql';
import type { Option } from '../../components/ui/fields';

export const REJECTION_REASON_LABELS: Record<MatchRejectionReason, string> = {
  NOT_RELEVANT: 'Not relevant to the challenge',
  WRONG_PROBLEM: 'Solves a different problem',
  NOT_ELIGIBLE: 'Not eligible',
  TOO_EXPENSIVE: 'Too expensive for the budget',
  NOT_MATURE_ENOUGH: 'Not mature enough',
  WEAK_EVIDENCE: 'Evidence too weak',
  DUPLICATE: 'Duplicate of another match',
  OTHER: 'Other (say why in the note)',
};

export const REJECTION_REASON_OPTIONS: Option[] = [
  { value: '', label: 'Choose a reason' },
  ...(Object.entries(REJECTION_REASON_LABELS) as [MatchRejectionReason, string][]).map(([value, label]) => ({ value, label })),
];

export const SOURCE_LABELS: Record<MatchSource, string> = {
  MATCHER: 'Matcher',
  RESPONSE: 'Start-up response',
  STAFF: 'Added by staff',
};
