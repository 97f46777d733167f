import type { Resolvers } from '../contract/generated/resolvers-types';
import { loadRequired } from '../db/loaders';
import type { Circumstances } from '../shared/lifecycle';
import type { ChallengeRecord } from '../challenges/challenge.model';
import type { ResponseRecord } from './response.model';
import { responseLifecycle, type ResponseFacts } from './response.lifecycle';
import {
  declineResponse,
  getResponse,
  listResponses,
  shortlistResponse,
  submitResponse,
  updateResponse,
  withdrawResponse,
} from './response.service';

export const responseResolvers: Resolvers = {
  Query: {
    response: (_parent, { id }, ctx) => getResponse(ctx, id),
    responses: (_parent, args, ctx) => listResponses(ctx, args),
  },
  Mutation: {
    submitResponse: (_parent, { input }, ctx) => submitResponse(ctx, input),
    updateResponse: (_parent, { input }, ctx) => updateResponse(ctx, input),
    withdrawResponse: (_parent, { input }, ctx) => withdrawResponse(ctx, input),
    shortlistResponse: (_parent, { input }, ctx) => shortlistResponse(ctx, input),
    declineResponse: (_parent, { input }, ctx) => declineResponse(ctx, input),
  },
  Challenge: {
    responses: (challenge, { first, after }, ctx) =>
      ctx.actor.kind === 'user'
        ? listResponses(ctx, { filter: { challengeId: challenge._id.toHexString() }, first, after })
        : { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 },
  },
  Response: {
    id: (response) => response._id.toHexString(),
    // Whoever may see a response may see what it answers and what it offers, even once closed or archived.
    challenge: (response, _args, { loaders }) => loadRequired(loaders.challengeById, 'Challenge', response.challengeId),
    solution: (response, _args, { loaders }) => loadRequired(loaders.solutionById, 'Solution', response.solutionId),
    organisation: (response, _args, { loaders }) => loadRequired(loaders.organisationById, 'Organisation', response.organisationId),
    declineReason: (response) => response.declineReason ?? null,
    viewerCan: async (response, _args, ctx) => responseLifecycle.viewerCan(response, await guardFacts(response, ctx)),
    allowedEvents: async (response, _args, ctx) => responseLifecycle.allowedEvents(response, await guardFacts(response, ctx)),
  },
};

/** The response's lifecycle facts; only a SUBMITTED response (the one state with UPDATE) needs its challenge loaded. */
async function guardFacts(
  response: ResponseRecord,
  { actor, now, loaders }: Circumstances & { loaders: { challengeById: { load(id: string): Promise<ChallengeRecord | null> } } },
): Promise<Circumstances & ResponseFacts> {
  const challenge = response.status === 'SUBMITTED' ? await loaders.challengeById.load(response.challengeId.toHexString()) : null;
  return { actor, now, challenge };
}
