import { z } from 'zod';
import { Types } from 'mongoose';
import type { ServiceContext } from '../context/service-context';
import type { ReportFilter } from '../contract/generated/resolvers-types';
import { OrganisationModel } from '../organisations/organisation.model';
import { parseInput } from '../shared/validation';
import { reportCohort } from './report-cohort';
import { rollupRows } from './challenge-rollup';
import type { StartupTallyRecord } from './challenge-rollup.model';
import { forEachTally } from './startup-tallies';
import { assertCanReport } from './reporting.policy';

export interface StartupExposureRecord {
  organisationId: Types.ObjectId;
  suggested: number;
  shortlisted: number;
  accepted: number;
  shareOfSuggestions: number;
}

export interface FairnessRecord {
  startups: StartupExposureRecord[];
  startupCount: number;
  neverSuggested: number;
  topDecileShare: number | null;
  suggestionGini: number | null;
}

/**
 * How the cohort's suggestions spread over start-ups, so staff can see whether the matcher keeps
 * favouring the same few: each start-up's counts, and two summaries over all of them.
 */
export async function fairness(ctx: ServiceContext, { filter, first }: { filter?: ReportFilter | null; first?: number | null }): Promise<FairnessRecord> {
  assertCanReport(ctx.actor);
  const limit = parseInput(z.int().min(1).max(500), first ?? 50);
  const [{ ids }, rows, startupCount] = await Promise.all([reportCohort(filter), rollupRows(['startups']), OrganisationModel.countDocuments({ kind: 'STARTUP' })]);
  const tallies = new Map<string, Omit<StartupTallyRecord, 'organisationId'>>();
  for (const row of rows) {
    if (!ids.has(row._id.toHexString())) continue;
    forEachTally(row.startups, (organisationHex, tally) => {
      const sum = tallies.get(organisationHex);
      if (!sum) {
        tallies.set(organisationHex, tally);
        return;
      }
      sum.suggested += tally.suggested;
      sum.shortlisted += tally.shortlisted;
      sum.accepted += tally.accepted;
    });
  }
  const total = [...tallies.values()].reduce((sum, tally) => sum + tally.suggested, 0);
  const startups = [...tallies]
    .sort(([aHex, a], [bHex, b]) => b.suggested - a.suggested || b.accepted - a.accepted || aHex.localeCompare(bHex))
    .map(([organisationHex, { suggested, shortlisted, accepted }]) => ({
      organisationId: new Types.ObjectId(organisationHex),
      suggested,
      shortlisted,
      accepted,
      shareOfSuggestions: total > 0 ? suggested / total : 0,
    }));
  const counts = startups.map((startup) => startup.suggested);
  return {
    startups: startups.slice(0, limit),
    startupCount,
    neverSuggested: Math.max(0, startupCount - startups.length),
    topDecileShare: topShare(counts, total),
    suggestionGini: gini(counts),
  };
}

/** The share of the total held by the largest 10% of the counts (at least one); counts are sorted largest first. */
function topShare(countsLargestFirst: number[], total: number): number | null {
  if (total === 0) return null;
  const top = Math.max(1, Math.ceil(countsLargestFirst.length / 10));
  return countsLargestFirst.slice(0, top).reduce((sum, count) => sum + count, 0) / total;
}

/** Gini coefficient: 0 when every start-up got as many suggestions, towards 1 as they concentrate on one. */
function gini(counts: number[]): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (counts.length === 0 || total === 0) return null;
  const ascending = [...counts].sort((a, b) => a - b);
  const weighted = ascending.reduce((sum, count, index) => sum + (index + 1) * count, 0);
  return (2 * weighted) / (counts.length * total) - (counts.length + 1) / counts.length;
}
