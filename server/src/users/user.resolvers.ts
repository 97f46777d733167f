import type { Resolvers } from '../contract/generated/resolvers-types';
import { setPlatformRoles } from './platform-role.service';

export const userResolvers: Resolvers = {
  Mutation: {
    setPlatformRoles: async (_parent, { input }, { actor }) => setPlatformRoles(actor, input),
  },
  PlatformUser: {
    id: (user) => user._id.toHexString(),
    roles: (user) => user.platformRoles,
  },
};
