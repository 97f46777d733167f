import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { trusted } from '../db/trusted';
import { ChallengeModel, type ChallengeRecord } from './challenge.model';
import { challengeIsExpired, closeExpiredChallenges } from './challenge.service';


/**
 * Per-request batching for challenges: one query per tick however many challenges a page shows.
 * Visibility is checked by callers (challengePolicy.canSee).
 */
export function createChallengeLoaders() {
  return {
    /** Challenges by id, closed first if their deadline has passed, so callers never see a stale OPEN. */
    challengeById: new DataLoader<string, ChallengeRecord | null>(async (ids) => {
      const objectIds = ids.map((id) => new Types.ObjectId(id));
      let records = await ChallengeModel.find({ _id: trusted({ $in: objectIds }) }).lean();
      const now = new Date();
      const expired = records.filter((record) => challengeIsExpired(record, now)).map((record) => record._id);
      if (expired.length > 0) {
        await closeExpiredChallenges(now, expired);
        records = await ChallengeModel.find({ _id: trusted({ $in: objectIds }) }).lean();
      }
      const byId = new Map(records.map((record) => [record._id.toHexString(), record]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
