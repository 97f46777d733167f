import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { trusted } from '../db/trusted';
import { ClarificationModel, type ClarificationRecord } from './clarification.model';

/** Every clarification of each challenge on a page, in one query; callers filter what the viewer may see. */
export function createClarificationLoaders() {
  return {
    clarificationsByChallengeId: new DataLoader<string, ClarificationRecord[]>(async (ids) => {
      const records = await ClarificationModel.find({ challengeId: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) })
        .sort({ _id: 1 })
        .lean();
      const byChallenge = new Map<string, ClarificationRecord[]>(ids.map((id) => [id, []]));
      for (const record of records) byChallenge.get(record.challengeId.toHexString())?.push(record);
      return ids.map((id) => byChallenge.get(id) ?? []);
    }),
  };
}
