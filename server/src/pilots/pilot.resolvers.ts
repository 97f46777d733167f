import type { Resolvers } from '../contract/generated/resolvers-types';
import { notFound } from '../shared/errors';
import { getMatch } from '../matching/match.service';
import { jointPilotCandidates } from './joint-pilots';
import { pilotLifecycle } from './pilot.lifecycle';
import { isOverdue, kpiOnTrack, kpiProgress, latestMeasurement, plannedEndOf } from './pilot.progress';
import {
  addPilotMilestone,
  cancelPilot,
  completePilot,
  completePilotMilestone,
  getPilot,
  goLivePilot,
  myPilots,
  postPilotUpdate,
  recordPilotMeasurement,
  refinePilotKpis,
  startPilot,
  startPilotEvaluation,
} from './pilot.service';

export const pilotResolvers: Resolvers = {
  Query: {
    pilot: (_parent, { id }, ctx) => getPilot(ctx, id),
    myPilots: (_parent, args, ctx) => myPilots(ctx, args),
    jointPilotCandidates: (_parent, args, ctx) => jointPilotCandidates(ctx, args),
  },
  Mutation: {
    startPilot: (_parent, { input }, ctx) => startPilot(ctx, input),
    refinePilotKpis: (_parent, { input }, ctx) => refinePilotKpis(ctx, input),
    goLivePilot: (_parent, { input }, ctx) => goLivePilot(ctx, input),
    startPilotEvaluation: (_parent, { input }, ctx) => startPilotEvaluation(ctx, input),
    completePilot: (_parent, { input }, ctx) => completePilot(ctx, input),
    cancelPilot: (_parent, { input }, ctx) => cancelPilot(ctx, input),
    addPilotMilestone: (_parent, { input }, ctx) => addPilotMilestone(ctx, input),
    completePilotMilestone: (_parent, { input }, ctx) => completePilotMilestone(ctx, input),
    recordPilotMeasurement: (_parent, { input }, ctx) => recordPilotMeasurement(ctx, input),
    postPilotUpdate: (_parent, { input }, ctx) => postPilotUpdate(ctx, input),
  },
  Pilot: {
    id: (pilot) => pilot._id.toHexString(),
    // Whoever may see a pilot is a side of its accepted match, or staff: both see the match.
    match: (pilot, _args, ctx) => getMatch(ctx, pilot.matchId.toHexString()),
    challenge: async (pilot, _args, { loaders }) => {
      const challenge = await loaders.challengeById.load(pilot.challengeId.toHexString());
      if (!challenge) throw notFound('Challenge', pilot.challengeId.toHexString());
      return challenge;
    },
    solution: async (pilot, _args, { loaders }) => {
      const solution = await loaders.solutionById.load(pilot.solutionId.toHexString());
      if (!solution) throw notFound('Solution', pilot.solutionId.toHexString());
      return solution;
    },
    kpis: (pilot) => pilot.kpis.map((kpi) => ({ ...kpi, schedule: pilot })),
    milestones: (pilot) => [...pilot.milestones].sort((a, b) => a.dueOn.getTime() - b.dueOn.getTime()),
    plannedEndOn: (pilot) => plannedEndOf(pilot),
    liveAt: (pilot) => pilot.liveAt ?? null,
    evaluatingAt: (pilot) => pilot.evaluatingAt ?? null,
    completedAt: (pilot) => pilot.completedAt ?? null,
    outcome: (pilot) => pilot.outcome ?? null,
    cancelledAt: (pilot) => pilot.cancelledAt ?? null,
    cancelReason: (pilot) => pilot.cancelReason ?? null,
    viewerCan: (pilot, _args, ctx) => pilotLifecycle.viewerCan(pilot, ctx),
  },
  PilotKpi: {
    latestValue: (kpi) => latestMeasurement(kpi)?.value ?? null,
    progress: (kpi) => kpiProgress(kpi),
    onTrack: (kpi, _args, { now }) => kpiOnTrack(kpi, now),
  },
  PilotMeasurement: {
    note: (measurement) => measurement.note ?? null,
    recordedByUserId: (measurement) => measurement.recordedByUserId.toHexString(),
  },
  PilotMilestone: {
    id: (milestone) => milestone._id.toHexString(),
    doneOn: (milestone) => milestone.doneOn ?? null,
    overdue: (milestone, _args, { now }) => isOverdue(milestone, now),
  },
  PilotUpdate: {
    byUserId: (update) => update.byUserId.toHexString(),
  },
  PilotOutcome: {
    contractValueGbp: (outcome) => outcome.contractValueGbp ?? null,
    contractStartsOn: (outcome) => outcome.contractStartsOn ?? null,
    contractEndsOn: (outcome) => outcome.contractEndsOn ?? null,
    stopReason: (outcome) => outcome.stopReason ?? null,
  },
};
