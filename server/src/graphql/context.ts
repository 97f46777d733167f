import type { Actor } from '../shared/actor';
import type { Logger } from '../shared/logger';
import type { Mailer } from '../mail/mailer';
import type { SearchRuntime } from '../search-sync/search-runtime';
import { createOrganisationLoaders } from '../organisations/organisation.loaders';
import { createChallengeLoaders } from '../challenges/challenge.loaders';
import { createClarificationLoaders } from '../clarifications/clarification.loaders';
import { createResponseLoaders } from '../responses/response.loaders';
import { createSolutionLoaders } from '../solutions/solution.loaders';

/** Long-lived collaborators the resolvers hand to services. */
export interface GraphQLServices {
  mailer: Mailer;
  publicUrl: string;
  /** Absent when the app runs without search (some tests); search then answers SEARCH_UNAVAILABLE. */
  search?: SearchRuntime;
}

/** Built per request: who is acting, per-request DataLoaders, and the shared collaborators. */
export interface GraphQLContext {
  actor: Actor;
  logger: Logger;
  requestId: string;
  services: GraphQLServices;
  loaders: ReturnType<typeof createLoaders>;
}

/** Fresh DataLoaders for each request, so batching never leaks records across viewers. */
export function createLoaders() {
  return { ...createOrganisationLoaders(), ...createChallengeLoaders(), ...createClarificationLoaders(), ...createResponseLoaders(), ...createSolutionLoaders() };
}
