import type { Types } from 'mongoose';
import type { MatchStatus } from '../contract/generated/resolvers-types';
import { trusted } from '../db/trusted';
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

export interface StartupMatches {
  organisationId: Types.ObjectId;
  suggested: number;
  accepted: number;
}

/** What reports need of the cohort's matches: per start-up counts, and each first arrival at SHORTLISTED and INTRODUCED. */
export interface MatchProgress {
  byStartup: StartupMatches[];
  arrivals: StageArrival[];
}

interface MatchRow {
  _id: Types.ObjectId;
  challengeId: Types.ObjectId;
  solutionOrganisationId: Types.ObjectId;
  status: MatchStatus;
  history: { to: MatchStatus; at: Date }[];
}

/**
 * One indexed read of the cohort's matches, only the fields counted (the explanations and
 * feature values make up most of a match), summed here. Measured faster on the test server than
 * the $unwind/$group pipeline it replaces, which had to carry whole histories through the stages.
 * The history is the match's audit log, so a match counts as shortlisted even if rejected later,
 * and a re-suggested match shortlisted again still counts once.
 */
export async function matchProgress(challengeIds: Types.ObjectId[]): Promise<MatchProgress> {
  const rows = await MatchModel.find({ challengeId: trusted({ $in: challengeIds }) })
    .select({ challengeId: 1, solutionOrganisationId: 1, status: 1, 'history.to': 1, 'history.at': 1 })
    .lean<MatchRow[]>();
  const byStartup = new Map<string, StartupMatches>();
  const arrivals: StageArrival[] = [];
  for (const row of rows) {
    const key = row.solutionOrganisationId.toHexString();
    let startup = byStartup.get(key);
    if (!startup) byStartup.set(key, (startup = { organisationId: row.solutionOrganisationId, suggested: 0, accepted: 0 }));
    startup.suggested += 1;
    if (row.status === 'ACCEPTED') startup.accepted += 1;
    for (const stage of ['SHORTLISTED', 'INTRODUCED'] as const) {
      let first: Date | undefined;
      for (const entry of row.history) if (entry.to === stage && (!first || entry.at < first)) first = entry.at;
      if (first) arrivals.push({ matchId: row._id, challengeId: row.challengeId, solutionOrganisationId: row.solutionOrganisationId, stage, at: first });
    }
  }
  return { byStartup: [...byStartup.values()], arrivals };
}
