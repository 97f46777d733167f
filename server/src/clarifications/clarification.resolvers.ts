import type { Resolvers } from '../contract/generated/resolvers-types';
import { clarificationPolicy } from './clarification.policy';
import { answerClarification, askClarification, visibleClarifications } from './clarification.service';

export const clarificationResolvers: Resolvers = {
  Mutation: {
    askClarification: (_parent, { input }, ctx) => askClarification(ctx, input),
    answerClarification: (_parent, { input }, ctx) => answerClarification(ctx, input),
  },
  Challenge: {
    clarifications: async (challenge, _args, { actor, loaders }) =>
      visibleClarifications(actor, challenge, await loaders.clarificationsByChallengeId.load(challenge._id.toHexString())),
  },
  Clarification: {
    id: (clarification) => clarification._id.toHexString(),
    askedAt: (clarification) => clarification.createdAt,
    askedByViewer: (clarification, _args, { actor }) => clarificationPolicy.askedByViewer(actor, clarification),
  },
};
