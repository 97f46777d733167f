import type { Resolvers } from '../contract/generated/resolvers-types';
import { challengePolicy } from '../challenges/challenge.policy';
import { solutionPolicy } from '../solutions/solution.policy';
import { searchChallenges, searchOrganisations, searchSolutions, type DiscoveryResult } from './discovery.service';
import { organisationPolicy } from '../organisations/organisation.policy';

/**
 * Loads each hit's record from the database and re-checks that the viewer may see it: the index
 * decides what matches, the database decides what is shown.
 */
async function withRecords<R>(
  result: DiscoveryResult,
  load: (id: string) => Promise<R | null>,
  canSee: (record: R) => boolean,
) {
  const records = await Promise.all(result.hits.map((hit) => load(hit.id)));
  const hits = result.hits.flatMap((hit, index) => {
    const record = records[index];
    return record && canSee(record) ? [{ score: hit.score, highlights: hit.highlights, record }] : [];
  });
  return { ...result, hits };
}

export const discoveryResolvers: Resolvers = {
  Query: {
    searchChallenges: async (_parent, { input }, ctx) => {
      const { actor, loaders } = ctx;
      const result = await withRecords(
        await searchChallenges(ctx, input),
        (id) => loaders.challengeById.load(id),
        (challenge) => challengePolicy.canSee(actor, challenge),
      );
      return { ...result, hits: result.hits.map(({ record, ...hit }) => ({ ...hit, challenge: record })) };
    },
    searchSolutions: async (_parent, { input }, ctx) => {
      const { actor, loaders } = ctx;
      const result = await withRecords(
        await searchSolutions(ctx, input),
        (id) => loaders.solutionById.load(id),
        (solution) => solutionPolicy.canSee(actor, solution),
      );
      return { ...result, hits: result.hits.map(({ record, ...hit }) => ({ ...hit, solution: record })) };
    },
    searchOrganisations: async (_parent, { input }, ctx) => {
      const { actor, loaders } = ctx;
      const result = await withRecords(
        await searchOrganisations(ctx, input),
        (id) => loaders.organisationById.load(id),
        (organisation) => organisationPolicy.canSee(actor, organisation),
      );
      return { ...result, hits: result.hits.map(({ record, ...hit }) => ({ ...hit, organisation: record })) };
    },
  },
};
