import type {
  Accreditation,
  ChallengeStatus,
  EvidenceKind,
  KpiDirection,
  MatchStatus,
  MembershipRole,
  MoneyBand,
  PilotStatus,
  PricingModel,
  PublicBodyType,
  Region,
  ResponseStatus,
  Sector,
  SolutionStatus,
} from '../../gql/graphql';
import type { Option } from './fields';

// Each map names every value of its SDL enum: a new value fails type-checking until it has a label.
export const SECTOR_LABELS: Record<Sector, string> = {
  HEALTH_AND_CARE: 'Health and care',
  SOCIAL_CARE: 'Social care',
  POLICING_AND_JUSTICE: 'Policing and justice',
  TRANSPORT_AND_PARKING: 'Transport and parking',
  LOCAL_GOVERNMENT_SERVICES: 'Local government services',
  HOUSING: 'Housing',
  ENVIRONMENT_AND_NET_ZERO: 'Environment and net zero',
  WASTE_AND_RECYCLING: 'Waste and recycling',
  EDUCATION_AND_SKILLS: 'Education and skills',
  DIGITAL_INCLUSION: 'Digital inclusion',
  COMMUNITY_WELLBEING: 'Community wellbeing',
  EMERGENCY_AND_RESILIENCE: 'Emergency and resilience',
};

export const REGION_LABELS: Record<Region, string> = {
  NORTH_EAST: 'North East',
  NORTH_WEST: 'North West',
  YORKSHIRE_AND_THE_HUMBER: 'Yorkshire and the Humber',
  EAST_MIDLANDS: 'East Midlands',
  WEST_MIDLANDS: 'West Midlands',
  EAST_OF_ENGLAND: 'East of England',
  LONDON: 'London',
  SOUTH_EAST: 'South East',
  SOUTH_WEST: 'South West',
  WALES: 'Wales',
  SCOTLAND: 'Scotland',
  NORTHERN_IRELAND: 'Northern Ireland',
  UK_WIDE: 'UK-wide',
};

export const ACCREDITATION_LABELS: Record<Accreditation, string> = {
  CYBER_ESSENTIALS: 'Cyber Essentials',
  CYBER_ESSENTIALS_PLUS: 'Cyber Essentials Plus',
  ISO_27001: 'ISO 27001',
  ISO_9001: 'ISO 9001',
  DSPT: 'NHS Data Security and Protection Toolkit',
  DTAC: 'NHS Digital Technology Assessment Criteria',
  DCB0129: 'DCB0129 clinical risk management',
  NPPV: 'Non Police Personnel Vetting',
  G_CLOUD: 'G-Cloud',
};

export const MONEY_BAND_LABELS: Record<MoneyBand, string> = {
  UNDER_25K: 'Under £25,000',
  FROM_25K_TO_100K: '£25,000 to £100,000',
  FROM_100K_TO_250K: '£100,000 to £250,000',
  OVER_250K: 'Over £250,000',
};

export const PUBLIC_BODY_TYPE_LABELS: Record<PublicBodyType, string> = {
  COUNCIL: 'Council',
  NHS_TRUST: 'NHS trust',
  POLICE_FORCE: 'Police force',
  CENTRAL_GOVERNMENT: 'Central government',
  OTHER: 'Other public body',
};

export const KPI_DIRECTION_LABELS: Record<KpiDirection, string> = { INCREASE: 'Increase', DECREASE: 'Decrease' };

export const PRICING_MODEL_LABELS: Record<PricingModel, string> = {
  SUBSCRIPTION: 'Subscription',
  PER_USER: 'Per user',
  PER_TRANSACTION: 'Per transaction',
  FIXED_PRICE: 'Fixed price',
  OTHER: 'Other',
};

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  CASE_STUDY: 'Case study',
  PREVIOUS_DEPLOYMENT: 'Previous deployment',
  ACCREDITATION: 'Accreditation',
  CERTIFICATION: 'Certification',
};

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = { OWNER: 'Owner', MEMBER: 'Member' };

type TagColour = 'grey' | 'blue' | 'green' | 'yellow' | 'orange' | 'red' | 'purple' | 'turquoise';

export const CHALLENGE_STATUS: Record<ChallengeStatus, { label: string; colour: TagColour }> = {
  DRAFT: { label: 'Draft', colour: 'grey' },
  SUBMITTED_FOR_REVIEW: { label: 'In review', colour: 'blue' },
  OPEN: { label: 'Open', colour: 'green' },
  CLOSED: { label: 'Closed', colour: 'orange' },
  ARCHIVED: { label: 'Archived', colour: 'grey' },
  WITHDRAWN: { label: 'Withdrawn', colour: 'red' },
};

export const SOLUTION_STATUS: Record<SolutionStatus, { label: string; colour: TagColour }> = {
  DRAFT: { label: 'Draft', colour: 'grey' },
  PUBLISHED: { label: 'Published', colour: 'green' },
  ARCHIVED: { label: 'Archived', colour: 'orange' },
};

export const RESPONSE_STATUS: Record<ResponseStatus, { label: string; colour: TagColour }> = {
  SUBMITTED: { label: 'Submitted', colour: 'blue' },
  SHORTLISTED: { label: 'Shortlisted', colour: 'green' },
  DECLINED: { label: 'Declined', colour: 'red' },
  WITHDRAWN: { label: 'Withdrawn', colour: 'grey' },
};

// Shared by the staff boards and the public body and start-up pages that show matches and pilots.
export const MATCH_STATUS: Record<MatchStatus, { label: string; colour: TagColour }> = {
  SUGGESTED: { label: 'Suggested', colour: 'blue' },
  SHORTLISTED: { label: 'Shortlisted', colour: 'turquoise' },
  INTRODUCED: { label: 'Introduced', colour: 'purple' },
  ACCEPTED: { label: 'Accepted', colour: 'green' },
  DECLINED: { label: 'Declined', colour: 'orange' },
  REJECTED: { label: 'Rejected', colour: 'red' },
};

export const PILOT_STATUS: Record<PilotStatus, { label: string; colour: TagColour }> = {
  PLANNING: { label: 'Planning', colour: 'blue' },
  LIVE: { label: 'Live', colour: 'green' },
  EVALUATING: { label: 'Evaluating', colour: 'purple' },
  COMPLETED: { label: 'Completed', colour: 'grey' },
  CANCELLED: { label: 'Cancelled', colour: 'red' },
};

export function optionsOf<T extends string>(labels: Record<T, string>): Option[] {
  return (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
}

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
export const formatGbp = (amount: number) => pounds.format(amount);

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
export const formatDate = (iso: string) => day.format(new Date(iso));
