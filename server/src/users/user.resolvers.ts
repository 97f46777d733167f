import type { Resolvers } from '../contract/generated/resolvers-types';
import { setPlatformRoles } from './platform-role.service';

export const userResolvers: Resolvers = {
  Mutation: {
    setPlatformRoles: (_parent, { input }, ctx) => setPlatformRoles(ctx, input),
  },
  PlatformUser: {
    id: (user) => user._id.toHexString(),
    roles: (user) => user.platformRoles,
  },
};
