import { z } from 'zod';
import type { Types } from 'mongoose';
import type { ReportFilter, Sector } from '../contract/generated/resolvers-types';
import { regionSchema, sdlEnum } from '../contract/taxonomy';
import { ChallengeModel } from '../challenges/challenge.model';
import { trusted } from '../db/trusted';
import { dropNulls, parseInput } from '../shared/validation';

const filterSchema = z
  .strictObject({ from: z.date().optional(), to: z.date().optional(), sector: sdlEnum<Sector>('Sector').optional(), region: regionSchema.optional() })
  .refine((filter) => !filter.from || !filter.to || filter.from < filter.to, { path: ['to'], message: 'must be after from' });

/** A published challenge as reports read it. */
export interface CohortChallenge {
  _id: Types.ObjectId;
  sectors: Sector[];
  publishedAt: Date;
}

/** The challenges a report covers; every other figure is counted for these. */
export interface Cohort {
  challenges: CohortChallenge[];
  /** Their ids as hex, for picking the cohort's rows out of whole-collection tallies. */
  ids: ReadonlySet<string>;
}

/** The challenges published in the filter's period, sector and region (BAD_USER_INPUT for a period that ends before it starts). */
export async function reportCohort(filter: ReportFilter | null | undefined): Promise<Cohort> {
  const { from, to, sector, region } = parseInput(filterSchema, dropNulls(filter ?? {}));
  // A lower bound also leaves out the challenges never published.
  const publishedAt = trusted({ $gte: from ?? new Date(0), ...(to && { $lt: to }) });
  const challenges = await ChallengeModel.find({ publishedAt, ...(sector && { sectors: sector }), ...(region && { region }) })
    .select({ sectors: 1, publishedAt: 1 })
    .lean<CohortChallenge[]>();
  return { challenges, ids: new Set(challenges.map((challenge) => challenge._id.toHexString())) };
}
