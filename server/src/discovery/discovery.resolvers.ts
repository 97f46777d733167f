import type { Resolvers } from '../contract/generated/resolvers-types';
import { challengeSearchSource } from '../challenges/challenge.search';
import { solutionSearchSource } from '../solutions/solution.search';
import { organisationSearchSource } from '../organisations/organisation.search';
import { hitsAs, search } from './discovery.service';

export const discoveryResolvers: Resolvers = {
  Query: {
    searchChallenges: async (_parent, { input }, { actor, loaders, services }) =>
      hitsAs('challenge', await search(actor, challengeSearchSource, input, services.search, (id) => loaders.challengeById.load(id))),
    searchSolutions: async (_parent, { input }, { actor, loaders, services }) =>
      hitsAs('solution', await search(actor, solutionSearchSource, input, services.search, (id) => loaders.solutionById.load(id))),
    searchOrganisations: async (_parent, { input }, { actor, loaders, services }) =>
      hitsAs('organisation', await search(actor, organisationSearchSource, input, services.search, (id) => loaders.organisationById.load(id))),
  },
};
