import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { trusted } from '../db/trusted';
import { ChallengeModel, type ChallengeRecord } from './challenge.model';
import { asOf } from './challenge.policy';

/**
 * Per-request batching for challenges: one query per tick however many challenges a page shows.
 * Records are as of the request's time (an expired OPEN reads as CLOSED) and nothing is written.
 * Visibility is checked by callers (challengePolicy.canSee).
 */
export function createChallengeLoaders(now: Date) {
  return {
    challengeById: new DataLoader<string, ChallengeRecord | null>(async (ids) => {
      const records = await ChallengeModel.find({ _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) }).lean();
      const byId = new Map(records.map((record) => [record._id.toHexString(), asOf(record, now)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
