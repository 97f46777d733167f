import type { Resolvers } from '../contract/generated/resolvers-types';
import { notFound } from '../shared/errors';
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
    challenge: async (response, _args, { loaders }) => {
      const challenge = await loaders.challengeById.load(response.challengeId.toHexString());
      if (!challenge) throw notFound('Challenge', response.challengeId.toHexString());
      return challenge;
    },
    solution: async (response, _args, { loaders }) => {
      const solution = await loaders.solutionById.load(response.solutionId.toHexString());
      if (!solution) throw notFound('Solution', response.solutionId.toHexString());
      return solution;
    },
    organisation: async (response, _args, { loaders }) => {
      const organisation = await loaders.organisationById.load(response.organisationId.toHexString());
      if (!organisation) throw notFound('Organisation', response.organisationId.toHexString());
      return organisation;
    },
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
