import type { Resolvers } from '../contract/generated/resolvers-types';
import { challengeSearchSource } from '../challenges/challenge.search';
import { solutionSearchSource } from '../solutions/solution.search';
import { organisationSearchSource } from '../organisations/organisation.search';
import { hitsAs, search } from './discovery.service';

export const discoveryResolvers: Resolvers = {
  Query: {
    searchChallenges: async (_parent, { input }, ctx) =>
      hitsAs('challenge', await search(ctx, challengeSearchSource, input, (id) => ctx.loaders.challengeById.load(id))),
    searchSolutions: async (_parent, { input }, ctx) =>
      hitsAs('solution', await search(ctx, solutionSearchSource, input, (id) => ctx.loaders.solutionById.load(id))),
    searchOrganisations: async (_parent, { input }, ctx) =>
      hitsAs('organisation', await search(ctx, organisationSearchSource, input, (id) => ctx.loaders.organisationById.load(id))),
  },
};
