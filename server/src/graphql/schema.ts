import { makeExecutableSchema } from '@graphql-tools/schema';
import type { Resolvers } from '../contract/generated/resolvers-types';
import { typeDefs } from '../contract/sdl';
import { DateTimeScalar } from './scalars';
import { userResolvers } from '../users/user.resolvers';
import { viewerResolvers } from '../organisations/viewer.resolvers';
import { organisationResolvers } from '../organisations/organisation.resolvers';
import { challengeResolvers } from '../challenges/challenge.resolvers';
import { clarificationResolvers } from '../clarifications/clarification.resolvers';
import { solutionResolvers } from '../solutions/solution.resolvers';
import { responseResolvers } from '../responses/response.resolvers';
import { discoveryResolvers } from '../discovery/discovery.resolvers';
import { matchResolvers } from '../matching/match.resolvers';
import { pilotResolvers } from '../pilots/pilot.resolvers';
import { notificationResolvers } from '../notifications/notification.resolvers';
import { reportingResolvers } from '../reporting/reporting.resolvers';
import { auditResolvers, auditingStaffMutations } from '../audit/audit.resolvers';

/** Every feature's resolvers; a feature joins the API by adding its map here. Staff mutations are audited in all of them. */
const featureResolvers: Resolvers[] = [
  userResolvers,
  viewerResolvers,
  organisationResolvers,
  challengeResolvers,
  clarificationResolvers,
  solutionResolvers,
  responseResolvers,
  discoveryResolvers,
  matchResolvers,
  pilotResolvers,
  reportingResolvers,
  notificationResolvers,
  auditResolvers,
].map(auditingStaffMutations);

const rootResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { ping: () => true },
  Mutation: { ping: () => true },
};

/** The executable schema: the SDL contract bound to the feature resolvers. */
export function buildSchema() {
  return makeExecutableSchema({
    typeDefs,
    resolvers: [rootResolvers, ...featureResolvers] as Parameters<typeof makeExecutableSchema>[0]['resolvers'],
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}
