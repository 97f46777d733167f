import type { Types } from 'mongoose';
import type { MatchStatus } from '../contract/generated/resolvers-types';
import { MatchModel } from '../matching/match.model';

/** The stages a match can have reached that its current status may no longer show (a shortlisted match later rejected). */
export type ReachedStage = Extract<MatchStatus, 'SHORTLISTED' | 'INTRODUCED'>;

/** One match's first arrival at a stage, from its history. */
export interface StageArrival {
  matchId: Types.ObjectId;
  challengeId: Types.ObjectId;
  solutionOrganisationId: Types.ObjectId;
  stage: ReachedStage;
  at: Date;
}

/**
 * Every time a match of the cohort first reached SHORTLISTED or INTRODUCED. The history is the
 * match's audit log, so a match counts as shortlisted even if it was rejected afterwards, and
 * a re-suggested match that is shortlisted again still counts once.
 */
export async function stageArrivals(challengeIds: Types.ObjectId[]): Promise<StageArrival[]> {
  const rows = await MatchModel.aggregate<{ _id: { matchId: Types.ObjectId; stage: ReachedStage }; at: Date; challengeId: Types.ObjectId; solutionOrganisationId: Types.ObjectId }>([
    { $match: { challengeId: { $in: challengeIds } } },
    // No $project of history.to / history.at first: the test server then unwinds nothing.
    { $unwind: '$history' },
    { $match: { 'history.to': { $in: ['SHORTLISTED', 'INTRODUCED'] } } },
    {
      $group: {
        _id: { matchId: '$_id', stage: '$history.to' },
        at: { $min: '$history.at' },
        challengeId: { $first: '$challengeId' },
        solutionOrganisationId: { $first: '$solutionOrganisationId' },
      },
    },
  ]);
  return rows.map((row) => ({ matchId: row._id.matchId, stage: row._id.stage, at: row.at, challengeId: row.challengeId, solutionOrganisationId: row.solutionOrganisationId }));
}

/** Per start-up organisation: how many of the cohort's matches it has, and how many are ACCEPTED. */
export async function matchesByStartup(challengeIds: Types.ObjectId[]): Promise<{ organisationId: Types.ObjectId; suggested: number; accepted: number }[]> {
  const rows = await MatchModel.aggregate<{ _id: Types.ObjectId; suggested: number; accepted: number }>([
    { $match: { challengeId: { $in: challengeIds } } },
    {
      $group: {
        _id: '$solutionOrganisationId',
        suggested: { $sum: 1 },
        accepted: { $sum: { $cond: [{ $eq: ['$status', 'ACCEPTED'] }, 1, 0] } },
      },
    },
  ]);
  return rows.map((row) => ({ organisationId: row._id, suggested: row.suggested, accepted: row.accepted }));
}
