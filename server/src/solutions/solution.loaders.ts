import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { trusted } from '../db/trusted';
import { SolutionModel, type SolutionRecord } from './solution.model';

/** Batches solution look-ups by id. Visibility is the caller's: a response shows the solution it was made with, even once archived. */
export function createSolutionLoaders() {
  return {
    solutionById: new DataLoader<string, SolutionRecord | null>(async (ids) => {
      const records = await SolutionModel.find({ _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) }).lean();
      const byId = new Map(records.map((record) => [record._id.toHexString(), record]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
