import DataLoader from 'dataloader';
import { Types, type Model } from 'mongoose';
import { notFound } from '../shared/errors';
import { trusted } from './trusted';

/**
 * Batches look-ups by id into one query per request tick; a missing id loads as null. `present`
 * shapes each record as readers should see it. Visibility is the caller's to check.
 */
export function byIdLoader<T extends { _id: Types.ObjectId }>(model: Model<T>, present: (record: T) => T = (record) => record) {
  return new DataLoader<string, T | null>(async (ids) => {
    const records = await model.find({ _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) } as never).lean<T[]>();
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
