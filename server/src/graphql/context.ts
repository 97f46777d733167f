import type { ServiceContext } from '../context/service-context';
import { createOrganisationLoaders } from '../organisations/organisation.loaders';
import { createChallengeLoaders } from '../challenges/challenge.loaders';
import { createClarificationLoaders } from '../clarifications/clarification.loaders';
import { createResponseLoaders } from '../responses/response.loaders';
import { createSolutionLoaders } from '../solutions/solution.loaders';

/**
 * Built per request: the service context (who is acting, the request's clock, collaborators),
 * so resolvers hand it to services as it is, plus per-request DataLoaders.
 */
export interface GraphQLContext extends ServiceContext {
  requestId: string;
  loaders: ReturnType<typeof createLoaders>;
}

/** Fresh DataLoaders for each request (at its time), so batching never leaks records across viewers. */
export function createLoaders(now: Date) {
  return { ...createOrganisationLoaders(), ...createChallengeLoaders(now), ...createClarificationLoaders(), ...createResponseLoaders(), ...createSolutionLoaders() };
}
