import type { Types } from 'mongoose';
import type { MatchStatus } from '../contract/generated/resolvers-types';
import { trusted } from '../db/trusted';
import { MatchModel } from '../matching/match.model';

/** How far one challenge's matches (or one start-up's matches for it) got. */
export interface MatchTally {
  challengeId: Types.ObjectId;
  /** Set when tallied per start-up. */
  solutionOrganisationId?: Types.ObjectId;
  suggested: number;
  /** Matches ever shortlisted, though rejected later. */
  shortlisted: number;
  /** Matches ever introduced, though declined or rejected later. */
  introduced: number;
  accepted: number;
  /** The earliest introduction among them. */
  firstIntroducedAt: Date | null;
}

const everReached = (stage: MatchStatus) => ({ $cond: [{ $in: [stage, '$history.to'] }, 1, 0] });
const firstArrivalAt = (stage: MatchStatus) => ({
  $min: { $map: { input: { $filter: { input: '$history', as: 'entry', cond: { $eq: ['$$entry.to', stage] } } }, as: 'entry', in: '$$entry.at' } },
});

/**
 * The cohort's matches tallied per challenge (or per challenge and start-up) in the database, so
 * a few thousand small rows cross the wire rather than every match. Every match is tallied and
 * the cohort is picked out here: mongo-java-server tests `$in` against each listed id in turn
 * and ignores non-unique indexes, so `challengeId: {$in: cohort}` cost seconds over 40k matches,
 * while one grouping pass is a scan on either engine. The history is the match's audit log, so
 * a match counts as shortlisted even if rejected later, and a re-suggested match shortlisted
 * again still counts once.
 */
export async function matchTallies(cohort: ReadonlySet<string>, perStartup: boolean): Promise<MatchTally[]> {
  const rows = await MatchModel.aggregate<{ _id: { challengeId: Types.ObjectId; solutionOrganisationId?: Types.ObjectId } } & Omit<MatchTally, 'challengeId' | 'solutionOrganisationId'>>([
    {
      $project: {
        challengeId: 1,
        solutionOrganisationId: 1,
        accepted: { $cond: [{ $eq: ['$status', 'ACCEPTED'] }, 1, 0] },
        shortlisted: everReached('SHORTLISTED'),
        introduced: everReached('INTRODUCED'),
        introducedAt: firstArrivalAt('INTRODUCED'),
      },
    },
    {
      $group: {
        _id: { challengeId: '$challengeId', ...(perStartup && { solutionOrganisationId: '$solutionOrganisationId' }) },
        suggested: { $sum: 1 },
        shortlisted: { $sum: '$shortlisted' },
        introduced: { $sum: '$introduced' },
        accepted: { $sum: '$accepted' },
        firstIntroducedAt: { $min: '$introducedAt' },
      },
    },
  ]);
  return rows
    .filter((row) => cohort.has(row._id.challengeId.toHexString()))
    .map(({ _id, ...tally }) => ({ ..._id, ...tally, firstIntroducedAt: tally.firstIntroducedAt ?? null }));
}

/** When each of these matches was first introduced: one read by `_id`, which every engine indexes. */
export async function introductionTimes(matchIds: Types.ObjectId[]): Promise<Map<string, Date>> {
  const rows = await MatchModel.find({ _id: trusted({ $in: matchIds }) })
    .select({ 'history.to': 1, 'history.at': 1 })
    .lean<{ _id: Types.ObjectId; history: { to: MatchStatus; at: Date }[] }[]>();
  const times = new Map<string, Date>();
  for (const row of rows) {
    for (const entry of row.history) {
      const known = times.get(row._id.toHexString());
      if (entry.to === 'INTRODUCED' && (!known || entry.at < known)) times.set(row._id.toHexString(), entry.at);
    }
  }
  return times;
}
