import type { PublicBodyType } from '../contract/generated/resolvers-types';
import type { SolutionTrackRecordRecord } from './solution.model';

const BODIES: Record<PublicBodyType, [one: string, many: string]> = {
  COUNCIL: ['council', 'councils'],
  NHS_TRUST: ['NHS trust', 'NHS trusts'],
  POLICE_FORCE: ['police force', 'police forces'],
  CENTRAL_GOVERNMENT: ['government department', 'government departments'],
  OTHER: ['other public body', 'other public bodies'],
};

const counted = (count: number, [one, many]: [string, string]) => `${count} ${count === 1 ? one : many}`;

/** The evidence in a sentence, e.g. "adopted by 2 councils; median KPI achievement 85%". */
export function describeTrackRecord(record: SolutionTrackRecordRecord): string {
  const parts: string[] = [];
  if (record.adoptedBy.length > 0) {
    parts.push(`adopted by ${record.adoptedBy.map(({ publicBodyType, organisations }) => counted(organisations, BODIES[publicBodyType])).join(' and ')}`);
  }
  if (record.extended > 0) parts.push(`${counted(record.extended, ['pilot', 'pilots'])} extended`);
  if (record.stopped > 0) parts.push(`${counted(record.stopped, ['pilot', 'pilots'])} stopped`);
  if (parts.length === 0) parts.push(`${counted(record.completedPilots, ['completed pilot', 'completed pilots'])}`);
  if (record.medianKpiAchievement !== null) parts.push(`median KPI achievement ${Math.round(record.medianKpiAchievement * 100)}%`);
  return parts.join('; ');
}

/** What each outcome says about the next pilot's chances: a contract most, an extension some, a stop nothing. */
const OUTCOME_CREDIT = { adopted: 1, extended: 0.6, stopped: 0 } as const;

/**
 * The track record as one 0..1 value: the outcomes' credit and the KPIs' achievement (capped at
 * the target), equally, pulled toward the neutral middle in proportion to how few pilots there
 * are (one pilot counts half, three count three quarters). Null without completed pilots.
 */
export function trackRecordValue(record: SolutionTrackRecordRecord | null | undefined): number | null {
  if (!record || record.completedPilots === 0) return null;
  const outcomes =
    (record.adopted * OUTCOME_CREDIT.adopted + record.extended * OUTCOME_CREDIT.extended + record.stopped * OUTCOME_CREDIT.stopped) / record.completedPilots;
  const achievement = record.medianKpiAchievement === null ? null : Math.min(1, Math.max(0, record.medianKpiAchievement));
  const raw = achievement === null ? outcomes : (outcomes + achievement) / 2;
  const confidence = record.completedPilots / (record.completedPilots + 1);
  return 0.5 + (raw - 0.5) * confidence;
}
