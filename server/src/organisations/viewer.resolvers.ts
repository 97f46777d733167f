import type { Resolvers } from '../contract/generated/resolvers-types';
import { acceptInvitation } from './invitation.service';

export const viewerResolvers: Resolvers = {
  Query: {
    viewer: (_parent, _args, { actor }) => (actor.kind === 'user' ? actor : null),
  },
  Mutation: {
    acceptInvitation: (_parent, { input }, ctx) => acceptInvitation(ctx, input.token),
  },
  Viewer: {
    id: (viewer) => viewer.userId,
    roles: (viewer) => viewer.platformRoles,
    organisations: async (viewer, _args, { loaders }) => {
      const organisations = await loaders.organisationById.loadMany(viewer.memberships.map((m) => m.organisationId));
      return viewer.memberships.flatMap((membership, index) => {
        const organisation = organisations[index];
        return organisation && !(organisation instanceof Error) ? [{ role: membership.role, organisation }] : [];
      });
    },
  },
};
