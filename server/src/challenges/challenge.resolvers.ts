import type { Resolvers } from '../contract/generated/resolvers-types';
import { notFound } from '../shared/errors';
import { challengePolicy } from './challenge.policy';
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
    challenge: (_parent, { id }, { actor }) => getChallenge(actor, id),
    challenges: (_parent, { filter, first, after }, { actor }) => listChallenges(actor, filter, first, after),
  },
  Mutation: {
    createChallenge: (_parent, { input }, { actor }) => createChallenge(actor, input),
    updateChallenge: (_parent, { input }, { actor }) => updateChallenge(actor, input),
    submitChallenge: (_parent, { input }, { actor }) => submitChallenge(actor, input),
    publishChallenge: (_parent, { input }, { actor }) => publishChallenge(actor, input),
    requestChallengeChanges: (_parent, { input }, { actor }) => requestChallengeChanges(actor, input),
    closeChallenge: (_parent, { input }, { actor }) => closeChallenge(actor, input),
    withdrawChallenge: (_parent, { input }, { actor }) => withdrawChallenge(actor, input),
    archiveChallenge: (_parent, { input }, { actor }) => archiveChallenge(actor, input),
  },
  Challenge: {
    id: (challenge) => challenge._id.toHexString(),
    organisation: async (challenge, _args, { loaders }) => {
      const organisation = await loaders.organisationById.load(challenge.organisationId.toHexString());
      if (!organisation) throw notFound('Organisation', challenge.organisationId.toHexString());
      return organisation;
    },
    staffFeedback: (challenge, _args, { actor }) =>
      challengePolicy.canSeeInternals(actor, challenge) ? (challenge.staffFeedback ?? null) : null,
    responseCount: (challenge, _args, { actor, loaders }) =>
      challengePolicy.canSeeInternals(actor, challenge) ? loaders.responseCountByChallengeId.load(challenge._id.toHexString()) : null,
    viewerCan: (challenge, _args, { actor }) => {
      const now = new Date();
      return {
        update: challengePolicy.canFire(actor, challenge, 'UPDATE'),
        submit: challengePolicy.canFire(actor, challenge, 'SUBMIT'),
        publish: challengePolicy.canFire(actor, challenge, 'PUBLISH'),
        requestChanges: challengePolicy.canFire(actor, challenge, 'REQUEST_CHANGES'),
        close: challengePolicy.canFire(actor, challenge, 'CLOSE'),
        withdraw: challengePolicy.canFire(actor, challenge, 'WITHDRAW'),
        archive: challengePolicy.canFire(actor, challenge, 'ARCHIVE'),
        askQuestion: challengePolicy.canAskQuestion(actor, challenge, now),
        answerQuestion: challengePolicy.canAnswerQuestion(actor, challenge),
        respond: challengePolicy.canRespond(actor, challenge, now),
      };
    },
    allowedEvents: (challenge, _args, { actor }) => challengePolicy.allowedEventsFor(actor, challenge),
  },
};
