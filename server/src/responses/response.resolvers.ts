import type { Resolvers } from '../contract/generated/resolvers-types';
import { notFound } from '../shared/errors';
import { isOpenForResponses } from '../challenges/challenge.policy';
import type { ChallengeRecord } from '../challenges/challenge.model';
import type { ResponseRecord } from './response.model';
import { responsePolicy } from './response.policy';
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
    response: (_parent, { id }, { actor }) => getResponse(actor, id),
    responses: (_parent, { filter, first, after }, { actor }) => listResponses(actor, filter, first, after),
  },
  Mutation: {
    submitResponse: (_parent, { input }, { actor }) => submitResponse(actor, input),
    updateResponse: (_parent, { input }, { actor }) => updateResponse(actor, input),
    withdrawResponse: (_parent, { input }, { actor }) => withdrawResponse(actor, input),
    shortlistResponse: (_parent, { input }, { actor }) => shortlistResponse(actor, input),
    declineResponse: (_parent, { input }, { actor }) => declineResponse(actor, input),
  },
  Challenge: {
    responses: (challenge, { first, after }, { actor }) =>
      actor.kind === 'user'
        ? listResponses(actor, { challengeId: challenge._id.toHexString() }, first, after)
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
    viewerCan: async (response, _args, { actor, loaders }) => {
      const open = await challengeOpen(response, (id) => loaders.challengeById.load(id));
      return {
        update: responsePolicy.canFire(actor, response, 'UPDATE', open),
        shortlist: responsePolicy.canFire(actor, response, 'SHORTLIST', open),
        decline: responsePolicy.canFire(actor, response, 'DECLINE', open),
        withdraw: responsePolicy.canFire(actor, response, 'WITHDRAW', open),
      };
    },
    allowedEvents: async (response, _args, { actor, loaders }) =>
      responsePolicy.allowedEventsFor(actor, response, await challengeOpen(response, (id) => loaders.challengeById.load(id))),
  },
};

/** Whether the response's challenge still takes responses; only a SUBMITTED response needs to know. */
async function challengeOpen(response: ResponseRecord, loadChallenge: (id: string) => Promise<ChallengeRecord | null>): Promise<boolean> {
  if (response.status !== 'SUBMITTED') return false;
  const challenge = await loadChallenge(response.challengeId.toHexString());
  return challenge !== null && isOpenForResponses(challenge, new Date());
}
