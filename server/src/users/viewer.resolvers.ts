import type { Resolvers } from '../graphql/generated/resolvers-types';
import { setPlatformRoles } from './platform-role.service';
import { acceptInvitation } from '../organisations/invitation.service';

export const viewerResolvers: Resolvers = {
  Query: {
    viewer: (_parent, _args, { actor }) => (actor.kind === 'user' ? actor : null),
  },
  Mutation: {
    setPlatformRoles: (_parent, { input }, ctx) => setPlatformRoles(ctx, input),
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
  PlatformUser: {
    id: (user) => user._id.toHexString(),
    roles: (user) => user.platformRoles,
  },
};
