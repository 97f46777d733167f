import type { Resolvers } from '../contract/generated/resolvers-types';
import { notFound } from '../shared/errors';
import { isExpiredAccreditation, solutionPolicy, validAccreditations } from './solution.policy';
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
    solution: (_parent, { id }, { actor }) => getSolution(actor, id),
    solutions: (_parent, { filter, first, after }, { actor }) => listSolutions(actor, filter, first, after),
  },
  Mutation: {
    createSolution: (_parent, { input }, { actor }) => createSolution(actor, input),
    updateSolution: (_parent, { input }, { actor }) => updateSolution(actor, input),
    publishSolution: (_parent, { input }, { actor }) => publishSolution(actor, input),
    unpublishSolution: (_parent, { input }, { actor }) => unpublishSolution(actor, input),
    archiveSolution: (_parent, { input }, { actor }) => archiveSolution(actor, input),
  },
  Solution: {
    id: (solution) => solution._id.toHexString(),
    organisation: async (solution, _args, { loaders }) => {
      const organisation = await loaders.organisationById.load(solution.organisationId.toHexString());
      if (!organisation) throw notFound('Organisation', solution.organisationId.toHexString());
      return organisation;
    },
    evidence: (solution) =>
      solution.evidence.map((item) => ({
        ...item,
        url: item.url ?? null,
        accreditation: item.accreditation ?? null,
        expired: isExpiredAccreditation(item, new Date()),
      })),
    validAccreditations: (solution) => validAccreditations(solution, new Date()),
    hasExpiredAccreditation: (solution) => {
      const now = new Date();
      return solution.evidence.some((item) => isExpiredAccreditation(item, now));
    },
    viewerCan: (solution, _args, { actor }) => ({
      update: solutionPolicy.canFire(actor, solution, 'UPDATE'),
      publish: solutionPolicy.canFire(actor, solution, 'PUBLISH'),
      unpublish: solutionPolicy.canFire(actor, solution, 'UNPUBLISH'),
      archive: solutionPolicy.canFire(actor, solution, 'ARCHIVE'),
      respond: solutionPolicy.canRespondWith(actor, solution),
    }),
    allowedEvents: (solution, _args, { actor }) => solutionPolicy.allowedEventsFor(actor, solution),
  },
};
