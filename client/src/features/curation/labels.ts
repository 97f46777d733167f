import type { MatchFeature, MatchRejectionReason, MatchSource } from '../../gql/graphql';
import type { EligibilityRule } from '../../gql/schema-types';
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

export const FEATURE_LABELS: Record<MatchFeature, string> = {
  LEXICAL: 'Words in common',
  SEMANTIC: 'Similar meaning',
  SECTOR_OVERLAP: 'Sectors',
  TAG_OVERLAP: 'Tags',
  REGION_FIT: 'Region',
  BUDGET_FIT: 'Budget',
  MATURITY_FIT: 'Maturity (TRL)',
  EVIDENCE_STRENGTH: 'Evidence',
  TRACK_RECORD: 'Track record',
};

export const SOURCE_LABELS: Record<MatchSource, string> = {
  MATCHER: 'Matcher',
  RESPONSE: 'Start-up response',
  STAFF: 'Added by staff',
};

export const RULE_LABELS: Record<EligibilityRule, string> = {
  CHALLENGE_NOT_OPEN: 'Challenge open',
  DEADLINE_PASSED: 'Before the deadline',
  STARTUP_NOT_VERIFIED: 'Start-up verified',
  SOLUTION_NOT_PUBLISHED: 'Solution published',
  MIN_TRL: 'Minimum TRL',
  MISSING_ACCREDITATIONS: 'Accreditations',
  REGION_NOT_SERVED: 'Region served',
  OWN_ORGANISATION: 'Not the challenge’s own organisation',
};

export const percent = (value: number) => `${Math.round(value * 100)}%`;
