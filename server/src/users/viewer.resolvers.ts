import type { Resolvers } from '../graphql/generated/resolvers-types';
import { setPlatformRoles } from './platform-role.service';
import { acceptInvitation } from '../organisations/invitation.service';
import { loadUserActor } from './user.service';
import { requireUser } from '../shared/actor';
import { notFound } from '../shared/errors';

export const viewerResolvers: Resolvers = {
  Query: {
    viewer: (_parent, _args, { actor }) => (actor.kind === 'user' ? actor : null),
  },
  Mutation: {
    setPlatformRoles: async (_parent, { input }, { actor }) => setPlatformRoles(actor, input),
    acceptInvitation: async (_parent, { input }, { actor }) => {
      await acceptInvitation(actor, input.token);
      const refreshed = await loadUserActor(requireUser(actor).userId);
      if (!refreshed) throw notFound('User', requireUser(actor).userId);
      return refreshed;
    },
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
