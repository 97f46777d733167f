import type { Types } from 'mongoose';
import type { ServiceContext } from '../context/service-context';
import type { Dashboard, FunnelStage, PilotOutcomeKind, PilotStatus, ReportFilter, Sector } from '../contract/generated/resolvers-types';
import { sdlEnumValues } from '../contract/sdl';
import { ResponseModel } from '../responses/response.model';
import { PilotModel, type PilotRecord } from '../pilots/pilot.model';
import { kpiProgress } from '../pilots/pilot.progress';
import { median } from '../shared/statistics';
import { reportCohort, type CohortChallenge } from './report-cohort';
import { introductions, matchesReaching, type Introduction } from './match-progress';
import { assertCanReport } from './reporting.policy';

const DAY_MS = 24 * 3600 * 1000;
const TOP_SECTORS = 10;

type ReportedPilot = Pick<PilotRecord, '_id' | 'matchId' | 'challengeId' | 'status' | 'outcome' | 'kpis' | 'createdAt'>;

/**
 * The staff dashboard for the challenges published in the filter's period, sector and region:
 * responses and matches tallied per challenge in the database, the pilots' few fields read, and
 * the cohort's rows summed here (match-progress.ts says why the cohort is not in the queries).
 */
export async function dashboard(ctx: ServiceContext, filter: ReportFilter | null | undefined): Promise<Dashboard> {
  assertCanReport(ctx.actor);
  const cohort = await reportCohort(filter);
  const inCohort = (challengeId: Types.ObjectId) => cohort.ids.has(challengeId.toHexString());
  const [responses, suggested, shortlisted, accepted, introduced, allPilots] = await Promise.all([
    ResponseModel.aggregate<{ _id: Types.ObjectId; responses: number }>([{ $group: { _id: '$challengeId', responses: { $sum: 1 } } }]),
    matchesReaching('SUGGESTED', 'challengeId', cohort.ids),
    matchesReaching('SHORTLISTED', 'challengeId', cohort.ids),
    matchesReaching('ACCEPTED', 'challengeId', cohort.ids),
    introductions(cohort.ids),
    PilotModel.find().select({ matchId: 1, challengeId: 1, status: 1, outcome: 1, kpis: 1, createdAt: 1 }).lean<ReportedPilot[]>(),
  ]);
  const cohortResponses = responses.filter((row) => inCohort(row._id));
  const pilots = allPilots.filter((pilot) => inCohort(pilot.challengeId));
  const adopted = pilots.filter((pilot) => pilot.outcome?.kind === 'ADOPTED');
  const total = (perChallenge: Map<string, number>) => [...perChallenge.values()].reduce((sum, count) => sum + count, 0);
  const counts: Record<FunnelStage, number> = {
    CHALLENGES_PUBLISHED: cohort.challenges.length,
    RESPONSES: cohortResponses.reduce((sum, row) => sum + row.responses, 0),
    SUGGESTIONS: total(suggested),
    SHORTLISTED: total(shortlisted),
    INTRODUCED: introduced.length,
    ACCEPTED: total(accepted),
    PILOTS: pilots.length,
    ADOPTED: adopted.length,
  };
  const challengesWith = (tallies: { challengeId: Types.ObjectId }[]) => new Set(tallies.map((tally) => tally.challengeId.toHexString())).size;
  const reached: Record<FunnelStage, number> = {
    CHALLENGES_PUBLISHED: cohort.challenges.length,
    RESPONSES: cohortResponses.length,
    SUGGESTIONS: suggested.size,
    SHORTLISTED: shortlisted.size,
    INTRODUCED: challengesWith(introduced),
    ACCEPTED: accepted.size,
    PILOTS: challengesWith(pilots),
    ADOPTED: challengesWith(adopted),
  };
  return {
    funnel: funnelOf(counts, reached),
    medianDaysToFirstIntroduction: daysToFirstIntroduction(cohort.challenges, introduced),
    medianDaysIntroductionToPilot: daysIntroductionToPilot(pilots, introduced),
    pilotsByStatus: sdlEnumValues('PilotStatus').map((status) => ({
      status: status as PilotStatus,
      count: pilots.filter((pilot) => pilot.status === status).length,
    })),
    pilotOutcomes: sdlEnumValues('PilotOutcomeKind').map((outcome) => ({
      outcome: outcome as PilotOutcomeKind,
      count: pilots.filter((pilot) => pilot.outcome?.kind === outcome).length,
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

function daysToFirstIntroduction(challenges: CohortChallenge[], introduced: Introduction[]): number | null {
  const first = new Map<string, number>();
  for (const { challengeId, at } of introduced) {
    const key = challengeId.toHexString();
    first.set(key, Math.min(first.get(key) ?? Infinity, at.getTime()));
  }
  const days = challenges.flatMap((challenge) => {
    const introducedAt = first.get(challenge._id.toHexString());
    return introducedAt === undefined ? [] : [(introducedAt - challenge.publishedAt.getTime()) / DAY_MS];
  });
  return median(days);
}

function daysIntroductionToPilot(pilots: ReportedPilot[], introduced: Introduction[]): number | null {
  const introducedAt = new Map(introduced.map((introduction) => [introduction.matchId.toHexString(), introduction.at.getTime()]));
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
