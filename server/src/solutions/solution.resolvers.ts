import type { Resolvers } from '../contract/generated/resolvers-types';
import { loadRequired } from '../db/loaders';
import { isExpiredAccreditation, solutionPolicy, validAccreditations } from './solution.policy';
import { solutionLifecycle } from './solution.lifecycle';
import { describeTrackRecord } from './solution-track-record';
import {
  archiveSolution,
  createSolution,
  getSolution,
  listSolutions,
  publishSolution,
  unpublishSolution,
  updateSolution,
} from './solution.service';

export const solutionResolvers: Resolvers = {
  Query: {
    solution: (_parent, { id }, ctx) => getSolution(ctx, id),
    solutions: (_parent, args, ctx) => listSolutions(ctx, args),
  },
  Mutation: {
    createSolution: (_parent, { input }, ctx) => createSolution(ctx, input),
    updateSolution: (_parent, { input }, ctx) => updateSolution(ctx, input),
    publishSolution: (_parent, { input }, ctx) => publishSolution(ctx, input),
    unpublishSolution: (_parent, { input }, ctx) => unpublishSolution(ctx, input),
    archiveSolution: (_parent, { input }, ctx) => archiveSolution(ctx, input),
  },
  Solution: {
    id: (solution) => solution._id.toHexString(),
    organisation: (solution, _args, { loaders }) => loadRequired(loaders.organisationById, 'Organisation', solution.organisationId),
    evidence: (solution, _args, { now }) =>
      solution.evidence.map((item) => ({
        ...item,
        url: item.url ?? null,
        accreditation: item.accreditation ?? null,
        expired: isExpiredAccreditation(item, now),
      })),
    validAccreditations: (solution, _args, { now }) => validAccreditations(solution, now),
    hasExpiredAccreditation: (solution, _args, { now }) => solution.evidence.some((item) => isExpiredAccreditation(item, now)),
    viewerCan: (solution, _args, ctx) => ({
      ...solutionLifecycle.viewerCan(solution, ctx),
      respond: solutionPolicy.canRespondWith(ctx.actor, solution),
    }),
    allowedEvents: (solution, _args, ctx) => solutionLifecycle.allowedEvents(solution, ctx),
    trackRecord: (solution) => solution.trackRecord ?? null,
  },
  SolutionTrackRecord: {
    summary: (trackRecord) => describeTrackRecord(trackRecord),
  },
};
