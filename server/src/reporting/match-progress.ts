import type { PipelineStage, Types } from 'mongoose';
import type { MatchStatus } from '../contract/generated/resolvers-types';
import { MatchModel } from '../matching/match.model';

/** The stages a match is counted at: a match counts at a stage it reached even if it moved on or was rejected later. */
export type CountedStage = 'SUGGESTED' | Extract<MatchStatus, 'SHORTLISTED' | 'ACCEPTED'>;

/** One match's first introduction. */
export interface Introduction {
  matchId: Types.ObjectId;
  challengeId: Types.ObjectId;
  at: Date;
}

/**
 * The history is the match's audit log, so a match counts as shortlisted even if rejected later,
 * and a re-suggested match shortlisted again still counts once. ACCEPTED is terminal.
 */
const REACHED: Record<CountedStage, PipelineStage.Match['$match'] | null> = {
  SUGGESTED: null,
  SHORTLISTED: { 'history.to': 'SHORTLISTED' },
  ACCEPTED: { status: 'ACCEPTED' },
};

/*
 * Reports tally every match in the database and pick out the cohort's here, rather than asking for
 * `challengeId: {$in: cohort}`: mongo-java-server tests `$in` against each listed id in turn and
 * ignores non-unique indexes, so that filter over 40k matches and 2,000 challenges cost seconds. A
 * grouping on one plain field with no expression per match is the cheapest pass measured on it
 * (grouping on a compound key or computing from the history per match was several times slower),
 * and a scan of the matches' few fields on MongoDB.
 */

/**
 * How many of each key's matches reached the stage, counting only the cohort's challenges: per
 * challenge or per start-up, keyed by hex id.
 */
export async function matchesReaching(
  stage: CountedStage,
  per: 'challengeId' | 'solutionOrganisationId',
  cohort: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const reached = REACHED[stage];
  const pipeline: PipelineStage[] = [
    ...(reached ? [{ $match: reached }] : []),
    { $group: { _id: `$${per}`, challengeIds: { $push: '$challengeId' } } },
  ];
  const rows = await MatchModel.aggregate<{ _id: Types.ObjectId; challengeIds: Types.ObjectId[] }>(pipeline);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const count = row.challengeIds.filter((challengeId) => cohort.has(challengeId.toHexString())).length;
    if (count > 0) counts.set(row._id.toHexString(), count);
  }
  return counts;
}

/** Each of the cohort's matches ever introduced, with its first introduction (only those matches' histories are unwound). */
export async function introductions(cohort: ReadonlySet<string>): Promise<Introduction[]> {
  const introduced = { 'history.to': 'INTRODUCED' };
  const rows = await MatchModel.aggregate<{ _id: Types.ObjectId; challengeId: Types.ObjectId; at: Date }>([
    { $match: introduced },
    { $project: { challengeId: 1, history: 1 } },
    { $unwind: '$history' },
    { $match: introduced },
    { $group: { _id: '$_id', challengeId: { $first: '$challengeId' }, at: { $min: '$history.at' } } },
  ]);
  return rows.filter((row) => cohort.has(row.challengeId.toHexString())).map((row) => ({ matchId: row._id, challengeId: row.challengeId, at: row.at }));
}
