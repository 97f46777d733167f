import type { ServiceContext } from '../context/service-context';
import type { Dashboard, FunnelStage, PilotOutcomeKind, PilotStatus, ReportFilter, Sector } from '../contract/generated/resolvers-types';
import { sdlEnumValues } from '../contract/sdl';
import { trusted } from '../db/trusted';
import { ResponseModel } from '../responses/response.model';
import { PilotModel, type PilotRecord } from '../pilots/pilot.model';
import { kpiProgress } from '../pilots/pilot.progress';
import { median } from '../shared/statistics';
import { reportCohort, type CohortChallenge } from './report-cohort';
import { matchProgress, type StageArrival } from './match-progress';
import { assertCanReport } from './reporting.policy';

const DAY_MS = 24 * 3600 * 1000;
const TOP_SECTORS = 10;

type ReportedPilot = Pick<PilotRecord, '_id' | 'matchId' | 'challengeId' | 'status' | 'outcome' | 'kpis' | 'createdAt'>;

/**
 * The staff dashboard for the challenges published in the filter's period, sector and region:
 * a handful of indexed reads of only the fields counted, summed here.
 */
export async function dashboard(ctx: ServiceContext, filter: ReportFilter | null | undefined): Promise<Dashboard> {
  assertCanReport(ctx.actor);
  const { challenges, challengeIds } = await reportCohort(filter);
  const [responses, { byStartup, arrivals }, pilots] = await Promise.all([
    ResponseModel.countDocuments({ challengeId: trusted({ $in: challengeIds }) }),
    matchProgress(challengeIds),
    PilotModel.find({ challengeId: trusted({ $in: challengeIds }) })
      .select({ matchId: 1, challengeId: 1, status: 1, outcome: 1, kpis: 1, createdAt: 1 })
      .lean<ReportedPilot[]>(),
  ]);
  const arrived = (stage: StageArrival['stage']) => arrivals.filter((arrival) => arrival.stage === stage);
  const introductions = arrived('INTRODUCED');
  const adopted = pilots.filter((pilot) => pilot.outcome?.kind === 'ADOPTED');
  const counts: Record<FunnelStage, number> = {
    CHALLENGES_PUBLISHED: challenges.length,
    RESPONSES: responses,
    SUGGESTIONS: byStartup.reduce((sum, row) => sum + row.suggested, 0),
    SHORTLISTED: arrived('SHORTLISTED').length,
    INTRODUCED: introductions.length,
    ACCEPTED: byStartup.reduce((sum, row) => sum + row.accepted, 0),
    PILOTS: pilots.length,
    ADOPTED: adopted.length,
  };
  return {
    funnel: funnelOf(counts),
    medianDaysToFirstIntroduction: daysToFirstIntroduction(challenges, introductions),
    medianDaysIntroductionToPilot: daysIntroductionToPilot(pilots, introductions),
    pilotsByStatus: sdlEnumValues('PilotStatus').map((status) => ({
      status: status as PilotStatus,
      count: pilots.filter((pilot) => pilot.status === status).length,
    })),
    pilotOutcomes: sdlEnumValues('PilotOutcomeKind').map((outcome) => ({
      outcome: outcome as PilotOutcomeKind,
      count: pilots.filter((pilot) => pilot.outcome?.kind === outcome).length,
    })),
    kpiAchievement: kpiAchievement(pilots),
    topSectors: topSectors(challenges, pilots),
  };
}

function funnelOf(counts: Record<FunnelStage, number>): Dashboard['funnel'] {
  const stages = sdlEnumValues('FunnelStage') as FunnelStage[];
  return stages.map((stage, index) => {
    const previous = index > 0 ? counts[stages[index - 1]!] : 0;
    return { stage, count: counts[stage], conversionFromPrevious: previous > 0 ? counts[stage] / previous : null };
  });
}

function daysToFirstIntroduction(challenges: CohortChallenge[], introductions: StageArrival[]): number | null {
  const first = new Map<string, number>();
  for (const { challengeId, at } of introductions) {
    const key = challengeId.toHexString();
    first.set(key, Math.min(first.get(key) ?? Infinity, at.getTime()));
  }
  const days = challenges.flatMap((challenge) => {
    const introducedAt = first.get(challenge._id.toHexString());
    return introducedAt === undefined ? [] : [(introducedAt - challenge.publishedAt.getTime()) / DAY_MS];
  });
  return median(days);
}

function daysIntroductionToPilot(pilots: ReportedPilot[], introductions: StageArrival[]): number | null {
  const introducedAt = new Map(introductions.map((arrival) => [arrival.matchId.toHexString(), arrival.at.getTime()]));
  const days = pilots.flatMap((pilot) => {
    const at = introducedAt.get(pilot.matchId.toHexString());
    return at === undefined ? [] : [(pilot.createdAt.getTime() - at) / DAY_MS];
  });
  return median(days);
}

function kpiAchievement(pilots: ReportedPilot[]): Dashboard['kpiAchievement'] {
  const progressOf = (of: ReportedPilot[]) => of.flatMap((pilot) => pilot.kpis.map(kpiProgress).filter((progress): progress is number => progress !== null));
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
    for (const sector of sectorsOf.get(pilot.challengeId.toHexString()) ?? []) {
      entry(sector).pilots += 1;
      if (pilot.outcome?.kind === 'ADOPTED') entry(sector).adopted += 1;
    }
  }
  return [...activity.values()]
    .sort((a, b) => b.challenges - a.challenges || b.pilots - a.pilots || a.sector.localeCompare(b.sector))
    .slice(0, TOP_SECTORS);
}
