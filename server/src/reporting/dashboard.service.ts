import type { ServiceContext } from '../context/service-context';
import type { Dashboard, FunnelStage, PilotOutcomeKind, PilotStatus, ReportFilter, Sector } from '../contract/generated/resolvers-types';
import { sdlEnumValues } from '../contract/sdl';
import { median } from '../shared/statistics';
import { reportCohort, type CohortChallenge } from './report-cohort';
import { rollupRows } from './challenge-rollup';
import type { ChallengeRollupRecord, CountedPilotRecord } from './challenge-rollup.model';
import { assertCanReport } from './reporting.policy';

const DAY_MS = 24 * 3600 * 1000;
const TOP_SECTORS = 10;

const DASHBOARD_FIELDS = ['responses', 'suggested', 'shortlisted', 'accepted', 'introductions', 'pilots'] as const;
type DashboardRow = Pick<ChallengeRollupRecord, '_id' | (typeof DASHBOARD_FIELDS)[number]>;
type ReportedPilot = CountedPilotRecord & { challengeId: string };

/**
 * The staff dashboard for the challenges published in the filter's period, sector and region,
 * summed from the cohort's rows of the reporting rollup (challenge-rollup.ts).
 */
export async function dashboard(ctx: ServiceContext, filter: ReportFilter | null | undefined): Promise<Dashboard> {
  assertCanReport(ctx.actor);
  const [cohort, allRows] = await Promise.all([reportCohort(filter), rollupRows(DASHBOARD_FIELDS)]);
  const rows = allRows.filter((row) => cohort.ids.has(row._id.toHexString()));
  const pilots: ReportedPilot[] = rows.flatMap((row) => row.pilots.map((pilot) => ({ ...pilot, challengeId: row._id.toHexString() })));
  const total = (count: (row: DashboardRow) => number) => rows.reduce((sum, row) => sum + count(row), 0);
  const challengesWith = (count: (row: DashboardRow) => number) => rows.filter((row) => count(row) > 0).length;
  const perStage: Record<Exclude<FunnelStage, 'CHALLENGES_PUBLISHED'>, (row: DashboardRow) => number> = {
    RESPONSES: (row) => row.responses,
    SUGGESTIONS: (row) => row.suggested,
    SHORTLISTED: (row) => row.shortlisted,
    INTRODUCED: (row) => row.introductions.length,
    ACCEPTED: (row) => row.accepted,
    PILOTS: (row) => row.pilots.length,
    ADOPTED: (row) => row.pilots.filter((pilot) => pilot.outcome === 'ADOPTED').length,
  };
  const stages = Object.entries(perStage) as [keyof typeof perStage, (row: DashboardRow) => number][];
  const published = cohort.challenges.length;
  const counts = { CHALLENGES_PUBLISHED: published, ...Object.fromEntries(stages.map(([stage, count]) => [stage, total(count)])) } as Record<FunnelStage, number>;
  const reached = { CHALLENGES_PUBLISHED: published, ...Object.fromEntries(stages.map(([stage, count]) => [stage, challengesWith(count)])) } as Record<FunnelStage, number>;
  return {
    funnel: funnelOf(counts, reached),
    medianDaysToFirstIntroduction: daysToFirstIntroduction(cohort.challenges, rows),
    medianDaysIntroductionToPilot: daysIntroductionToPilot(rows),
    pilotsByStatus: sdlEnumValues('PilotStatus').map((status) => ({
      status: status as PilotStatus,
      count: pilots.filter((pilot) => pilot.status === status).length,
    })),
    pilotOutcomes: sdlEnumValues('PilotOutcomeKind').map((outcome) => ({
      outcome: outcome as PilotOutcomeKind,
      count: pilots.filter((pilot) => pilot.outcome === outcome).length,
    })),
    kpiAchievement: kpiAchievement(pilots),
    topSectors: topSectors(cohort.challenges, pilots),
  };
}

function funnelOf(counts: Record<FunnelStage, number>, reached: Record<FunnelStage, number>): Dashboard['funnel'] {
  const stages = sdlEnumValues('FunnelStage') as FunnelStage[];
  const published = counts.CHALLENGES_PUBLISHED;
  return stages.map((stage, index) => ({
    stage,
    count: counts[stage],
    conversionFromPrevious: conversionInto(stage, stages[index - 1], counts, reached),
    challengesReached: reached[stage],
    shareOfChallenges: published > 0 ? reached[stage] / published : null,
  }));
}

/**
 * The share of the previous stage's items that went on to this stage, so never above 1: of the
 * published challenges, those with a response; of the suggestions, those shortlisted; and so on,
 * each later stage's items being a subset of the stage before's (the match lifecycle only moves
 * forward). Suggestions are made for challenges, not from responses, so they have none.
 */
function conversionInto(stage: FunnelStage, previous: FunnelStage | undefined, counts: Record<FunnelStage, number>, reached: Record<FunnelStage, number>): number | null {
  if (!previous || stage === 'SUGGESTIONS' || counts[previous] === 0) return null;
  return (stage === 'RESPONSES' ? reached.RESPONSES : counts[stage]) / counts[previous];
}

function daysToFirstIntroduction(challenges: CohortChallenge[], rows: DashboardRow[]): number | null {
  const first = new Map(rows.flatMap((row) => (row.introductions.length > 0 ? [[row._id.toHexString(), Math.min(...row.introductions.map(({ at }) => at.getTime()))] as const] : [])));
  const days = challenges.flatMap((challenge) => {
    const introducedAt = first.get(challenge._id.toHexString());
    return introducedAt === undefined ? [] : [(introducedAt - challenge.publishedAt.getTime()) / DAY_MS];
  });
  return median(days);
}

/** A pilot's match is one of its challenge's, so its introduction is on the same row. */
function daysIntroductionToPilot(rows: DashboardRow[]): number | null {
  const days = rows.flatMap((row) => {
    const introducedAt = new Map(row.introductions.map(({ matchId, at }) => [matchId.toHexString(), at.getTime()]));
    return row.pilots.flatMap((pilot) => {
      const at = introducedAt.get(pilot.matchId.toHexString());
      return at === undefined ? [] : [(pilot.createdAt.getTime() - at) / DAY_MS];
    });
  });
  return median(days);
}

function kpiAchievement(pilots: ReportedPilot[]): Dashboard['kpiAchievement'] {
  const progressOf = (of: ReportedPilot[]) => of.flatMap((pilot) => pilot.kpiProgress);
  const all = progressOf(pilots);
  return {
    measuredKpis: all.length,
    achievedKpis: all.filter((progress) => progress >= 1).length,
    medianProgress: median(all),
    medianProgressOfCompletedPilots: median(progressOf(pilots.filter((pilot) => pilot.status === 'COMPLETED'))),
  };
}

function topSectors(challenges: CohortChallenge[], pilots: ReportedPilot[]): Dashboard['topSectors'] {
  const sectorsOf = new Map(challenges.map((challenge) => [challenge._id.toHexString(), challenge.sectors]));
  const activity = new Map<Sector, { sector: Sector; challenges: number; pilots: number; adopted: number }>();
  const entry = (sector: Sector) => {
    let found = activity.get(sector);
    if (!found) activity.set(sector, (found = { sector, challenges: 0, pilots: 0, adopted: 0 }));
    return found;
  };
  for (const challenge of challenges) for (const sector of challenge.sectors) entry(sector).challenges += 1;
  for (const pilot of pilots) {
    for (const sector of sectorsOf.get(pilot.challengeId) ?? []) {
      entry(sector).pilots += 1;
      if (pilot.outcome === 'ADOPTED') entry(sector).adopted += 1;
    }
  }
  return [...activity.values()]
    .sort((a, b) => b.challenges - a.challenges || b.pilots - a.pilots || a.sector.localeCompare(b.sector))
    .slice(0, TOP_SECTORS);
}
