import type { Model, Types } from 'mongoose';
import { AppError, notFound } from '../shared/errors';

interface Versioned {
  _id: Types.ObjectId;
  version: number;
  status: string;
}

/**
 * Writes `changes` only if the record is still at `expectedVersion` and in the state the caller
 * decided on, bumping the version; otherwise VERSION_CONFLICT naming the current version. This is
 * how concurrent edits conflict instead of silently overwriting each other, without transactions.
 */
export async function saveVersioned<T extends Versioned>(
  model: Model<T>,
  entity: string,
  record: T,
  expectedVersion: number,
  changes: Partial<T>,
): Promise<T> {
  const conflict = (currentVersion: number) =>
    new AppError('VERSION_CONFLICT', `The ${entity} changed since version ${expectedVersion}; it is now at version ${currentVersion}.`, {
      currentVersion,
    });
  if (record.version !== expectedVersion) throw conflict(record.version);
  const updated = await model
    .findOneAndUpdate(
      { _id: record._id, version: expectedVersion, status: record.status } as never,
      { $set: changes, $inc: { version: 1 } } as never,
      { returnDocument: 'after' },
    )
    .lean<T>();
  if (updated) return updated;
  const current = await model.findById(record._id).select({ version: 1 }).lean<{ version: number }>();
  if (!current) throw notFound(entity, record._id.toHexString());
  throw conflict(current.version);
}
