import type { Resolvers } from '../contract/generated/resolvers-types';
import { loadRequired } from '../db/loaders';
import { challengePolicy } from './challenge.policy';
import { challengeLifecycle } from './challenge.lifecycle';
import {
  archiveChallenge,
  closeChallenge,
  createChallenge,
  getChallenge,
  listChallenges,
  publishChallenge,
  requestChallengeChanges,
  submitChallenge,
  updateChallenge,
  withdrawChallenge,
} from './challenge.service';

export const challengeResolvers: Resolvers = {
  Query: {
    challenge: (_parent, { id }, ctx) => getChallenge(ctx, id),
    challenges: (_parent, args, ctx) => listChallenges(ctx, args),
  },
  Mutation: {
    createChallenge: (_parent, { input }, ctx) => createChallenge(ctx, input),
    updateChallenge: (_parent, { input }, ctx) => updateChallenge(ctx, input),
    submitChallenge: (_parent, { input }, ctx) => submitChallenge(ctx, input),
    publishChallenge: (_parent, { input }, ctx) => publishChallenge(ctx, input),
    requestChallengeChanges: (_parent, { input }, ctx) => requestChallengeChanges(ctx, input),
    closeChallenge: (_parent, { input }, ctx) => closeChallenge(ctx, input),
    withdrawChallenge: (_parent, { input }, ctx) => withdrawChallenge(ctx, input),
    archiveChallenge: (_parent, { input }, ctx) => archiveChallenge(ctx, input),
  },
  Challenge: {
    id: (challenge) => challenge._id.toHexString(),
    organisation: (challenge, _args, { loaders }) => loadRequired(loaders.organisationById, 'Organisation', challenge.organisationId),
    staffFeedback: (challenge, _args, { actor }) =>
      challengePolicy.canSeeInternals(actor, challenge) ? (challenge.staffFeedback ?? null) : null,
    responseCount: (challenge, _args, { actor, loaders }) =>
      challengePolicy.canSeeInternals(actor, challenge) ? loaders.responseCountByChallengeId.load(challenge._id.toHexString()) : null,
    viewerCan: (challenge, _args, ctx) => ({
      ...challengeLifecycle.viewerCan(challenge, ctx),
      askQuestion: challengePolicy.canAskQuestion(ctx.actor, challenge, ctx.now),
      answerQuestion: challengePolicy.canAnswerQuestion(ctx.actor, challenge),
      respond: challengePolicy.canRespond(ctx.actor, challenge, ctx.now),
    }),
    allowedEvents: (challenge, _args, ctx) => challengeLifecycle.allowedEvents(challenge, ctx),
  },
};
