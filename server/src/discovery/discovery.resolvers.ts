import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Resolvers } from '../contract/generated/resolvers-types';
import type { RankedHit } from '../search/hybrid-search';
import { selectsPath } from '../shared/graphql-selection';
import { challengeSearchSource } from '../challenges/challenge.search';
import { solutionSearchSource } from '../solutions/solution.search';
import { organisationSearchSource } from '../organisations/organisation.search';
import { hitsAs, search } from './discovery.service';

/**
 * Loads each hit's record and, when the query shows the record's organisation, the organisation
 * the engine's copy names, in the same batch tick: the two reads then run at once instead of the
 * `organisation` field's read waiting for the record's. That field still loads the record's own
 * organisationId, so a copy that lags the database costs one more read, never a wrong organisation.
 */
function withOrganisation<R>(
  records: DataLoader<string, R | null>,
  organisations: DataLoader<string, unknown>,
  info: GraphQLResolveInfo,
  recordField: string,
) {
  const shown = selectsPath(info, ['hits', recordField, 'organisation']);
  return (hit: RankedHit) => {
    const organisationId = hit.document?.organisationId;
    // Its failure reaches the `organisation` field through the loader's cache; here it would only be unhandled.
    if (shown && typeof organisationId === 'string') organisations.load(organisationId).catch(() => undefined);
    return records.load(hit.id);
  };
}

export const discoveryResolvers: Resolvers = {
  Query: {
    searchChallenges: async (_parent, { input }, ctx, info) =>
      hitsAs('challenge', await search(ctx, challengeSearchSource, input, withOrganisation(ctx.loaders.challengeById, ctx.loaders.organisationById, info, 'challenge'))),
    searchSolutions: async (_parent, { input }, ctx, info) =>
      hitsAs('solution', await search(ctx, solutionSearchSource, input, withOrganisation(ctx.loaders.solutionById, ctx.loaders.organisationById, info, 'solution'))),
    searchOrganisations: async (_parent, { input }, ctx) =>
      hitsAs('organisation', await search(ctx, organisationSearchSource, input, (hit) => ctx.loaders.organisationById.load(hit.id))),
  },
};
