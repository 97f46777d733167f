import DataLoader from 'dataloader';
import { Types, type Model } from 'mongoose';
import { notFound } from '../shared/errors';

/**
 * Batches look-ups by id into one query per request tick; a missing id loads as null. `present`
 * shapes each record as readers should see it. Visibility is the caller's to check.
 */
export function byIdLoader<T extends { _id: Types.ObjectId }>(model: Model<T>, present: (record: T) => T = (record) => record) {
  return new DataLoader<string, T | null>(async (ids) => {
    // Straight to the driver: the filter is ours, and a lean read needs nothing of mongoose's query
    // layer, which cost a quarter of every by-id read (a search page makes two).
    const records = (await model.collection.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).toArray()) as unknown as T[];
    const byId = new Map(records.map((record) => [record._id.toHexString(), present(record)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The record another one points at, which must exist; NOT_FOUND naming it otherwise. */
export async function loadRequired<T>(loader: DataLoader<string, T | null>, entity: string, id: Types.ObjectId): Promise<T> {
  const record = await loader.load(id.toHexString());
  if (!record) throw notFound(entity, id.toHexString());
  return record;
}
