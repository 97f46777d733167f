import type { Model, Types } from 'mongoose';
import { AppError, notFound } from '../shared/errors';
import { eventUpdate, storesDomainEvents, type NewDomainEvent } from './domain-events';

interface Versioned {
  _id: Types.ObjectId;
  version: number;
  status: string;
}

/**
 * Writes `changes` only if the record is still at `expectedVersion` and in the state the caller
 * decided on, bumping the version; otherwise VERSION_CONFLICT naming the current version. This is
 * how concurrent edits conflict instead of silently overwriting each other, without transactions.
 * An `event` is recorded in the same atomic write (see domain-events.ts): the change and its
 * domain event land together or not at all.
 */
export async function saveVersioned<T extends Versioned>(
  model: Model<T>,
  entity: string,
  record: T,
  expectedVersion: number,
  changes: Partial<T>,
  event?: NewDomainEvent,
): Promise<T> {
  const conflict = (currentVersion: number) =>
    new AppError('VERSION_CONFLICT', `The ${entity} changed since version ${expectedVersion}; it is now at version ${currentVersion}.`, {
      currentVersion,
    });
  if (record.version !== expectedVersion) throw conflict(record.version);
  if (event && !storesDomainEvents(model.schema)) throw new Error(`${model.modelName} records no domain events; ${event.name} would be lost`);
  const recorded = event ? eventUpdate(event, expectedVersion + 1) : undefined;
  const updated = await model
    .findOneAndUpdate(
      { _id: record._id, version: expectedVersion, status: record.status } as never,
      { $set: { ...changes, ...recorded?.$set }, $inc: { version: 1 }, ...(recorded ? { $push: recorded.$push } : {}) } as never,
      { returnDocument: 'after' },
    )
    .lean<T>();
  if (updated) return updated;
  const current = await model.findById(record._id).select({ version: 1 }).lean<{ version: number }>();
  if (!current) throw notFound(entity, record._id.toHexString());
  throw conflict(current.version);
}
