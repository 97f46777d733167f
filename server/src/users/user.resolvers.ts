import type { Resolvers } from '../contract/generated/resolvers-types';

export const userResolvers: Resolvers = {
  PlatformUser: {
    id: (user) => user._id.toHexString(),
    roles: (user) => user.platformRoles,
  },
};
