import type { MatchFeature as MatchFeatureName, Resolvers } from '../contract/generated/resolvers-types';
import { notFound } from '../shared/errors';
import { isStaff } from '../shared/actor';
import { MATCH_FEATURES, type MatchFeature } from './match-weights';
import { matchLifecycle } from './match.lifecycle';
import { matchPolicy } from './match.policy';
import {
  acceptMatch,
  addMatch,
  addMatchNote,
  bulkRejectMatches,
  bulkShortlistMatches,
  declineMatch,
  getMatch,
  introduceMatch,
  matchingWeights,
  matchQueue,
  myIntroductions,
  recommendedChallenges,
  rejectMatch,
  shortlistMatch,
  suggestMatches,
} from './match.service';

/** `sectorOverlap` → `SECTOR_OVERLAP`: the SDL's spelling of a feature name. */
const featureName = (feature: MatchFeature) => feature.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase() as MatchFeatureName;

export const matchResolvers: Resolvers = {
  Query: {
    match: (_parent, { id }, ctx) => getMatch(ctx, id),
    matchQueue: (_parent, args, ctx) => matchQueue(ctx, args),
    myIntroductions: (_parent, args, ctx) => myIntroductions(ctx, args),
    recommendedChallenges: (_parent, args, ctx) => recommendedChallenges(ctx, args),
    matchingWeights: (_parent, _args, ctx) => matchingWeights(ctx),
  },
  Mutation: {
    suggestMatches: (_parent, { input }, ctx) => suggestMatches(ctx, input),
    addMatch: (_parent, { input }, ctx) => addMatch(ctx, input),
    shortlistMatch: (_parent, { input }, ctx) => shortlistMatch(ctx, input),
    introduceMatch: (_parent, { input }, ctx) => introduceMatch(ctx, input),
    acceptMatch: (_parent, { input }, ctx) => acceptMatch(ctx, input),
    declineMatch: (_parent, { input }, ctx) => declineMatch(ctx, input),
    rejectMatch: (_parent, { input }, ctx) => rejectMatch(ctx, input),
    bulkShortlistMatches: (_parent, { input }, ctx) => bulkShortlistMatches(ctx, input),
    bulkRejectMatches: (_parent, { input }, ctx) => bulkRejectMatches(ctx, input),
    addMatchNote: (_parent, { input }, ctx) => addMatchNote(ctx, input),
  },
  Match: {
    id: (match) => match._id.toHexString(),
    // Whoever may see a match may see both records it pairs, whatever their state now.
    challenge: async (match, _args, { loaders }) => {
      const challenge = await loaders.challengeById.load(match.challengeId.toHexString());
      if (!challenge) throw notFound('Challenge', match.challengeId.toHexString());
      return challenge;
    },
    solution: async (match, _args, { loaders }) => {
      const solution = await loaders.solutionById.load(match.solutionId.toHexString());
      if (!solution) throw notFound('Solution', match.solutionId.toHexString());
      return solution;
    },
    publicBodyAccepted: (match) => match.publicBodyAcceptedAt != null,
    startupAccepted: (match) => match.startupAcceptedAt != null,
    declinedBy: (match) => match.declinedBy ?? null,
    declineReason: (match) => match.declineReason ?? null,
    rejectionReason: (match) => match.rejectionReason ?? null,
    history: (match, _args, { actor }) => (isStaff(actor) ? match.history : null),
    staffNotes: (match, _args, { actor }) => (isStaff(actor) ? match.staffNotes : null),
    viewerCan: (match, _args, ctx) => {
      const { shortlist, introduce, accept, decline, reject } = matchLifecycle.viewerCan(match, ctx);
      return { shortlist, introduce, accept, decline, reject, addNote: matchPolicy.canCurate(ctx.actor) };
    },
  },
  MatchTransition: {
    from: (transition) => transition.from ?? null,
    byUserId: (transition) => transition.byUserId?.toHexString() ?? null,
    party: (transition) => transition.party ?? null,
    note: (transition) => transition.note ?? null,
    rejectionReason: (transition) => transition.rejectionReason ?? null,
  },
  MatchStaffNote: {
    byUserId: (staffNote) => staffNote.byUserId.toHexString(),
  },
  MatchFeatureContribution: {
    feature: (contribution) => featureName(contribution.feature),
  },
  MatchRun: {
    suggested: (run) => run.suggested,
  },
  MatchingWeights: {
    weights: (inForce) => MATCH_FEATURES.map((feature) => ({ feature: featureName(feature), weight: inForce.weights[feature] })),
  },
};
