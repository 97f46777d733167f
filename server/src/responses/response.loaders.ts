import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { ResponseModel } from './response.model';

/** Withdrawn responses are not responses the owner has received. */
const UNCOUNTED_STATUSES = ['WITHDRAWN'];

/** Per-request batching for response counts: one aggregation however many challenges a page shows. */
export function createResponseLoaders() {
  return {
    responseCountByChallengeId: new DataLoader<string, number>(async (ids) => {
      const counts = await ResponseModel.aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: { challengeId: { $in: ids.map((id) => new Types.ObjectId(id)) }, status: { $nin: UNCOUNTED_STATUSES } } },
        { $group: { _id: '$challengeId', count: { $sum: 1 } } },
      ]);
      const byId = new Map(counts.map((row) => [row._id.toHexString(), row.count]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
  };
}
