import DataLoader from 'dataloader';
import mongoose, { Types } from 'mongoose';
import { trusted } from '../db/trusted';
import { ChallengeModel, type ChallengeRecord } from './challenge.model';
import { challengeIsExpired, closeExpiredChallenges } from './challenge.service';

/**
 * Responses are owned by the responses feature; until its model exists we count straight in its
 * collection, by `challengeId`. Drafts and withdrawn responses are not responses the owner has received.
 */
const RESPONSES_COLLECTION = 'responses';
const UNCOUNTED_RESPONSE_STATUSES = ['DRAFT', 'WITHDRAWN'];

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
    /** How many responses each challenge has received, counted in one aggregation. */
    responseCountByChallengeId: new DataLoader<string, number>(async (ids) => {
      const counts = await mongoose.connection
        .collection(RESPONSES_COLLECTION)
        .aggregate<{ _id: Types.ObjectId; count: number }>([
          {
            $match: {
              challengeId: { $in: ids.map((id) => new Types.ObjectId(id)) },
              status: { $nin: UNCOUNTED_RESPONSE_STATUSES },
            },
          },
          { $group: { _id: '$challengeId', count: { $sum: 1 } } },
        ])
        .toArray();
      const byId = new Map(counts.map((row) => [row._id.toHexString(), row.count]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
  };
}
