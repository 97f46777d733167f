import { Types } from 'mongoose';
import { notFound } from '../shared/errors';

/**
 * Turns a client-supplied id into an ObjectId. A malformed id is reported as NOT_FOUND,
 * exactly like a well-formed id of a record that does not exist or is hidden.
 */
export function toObjectId(entity: string, id: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) throw notFound(entity, id);
  return new Types.ObjectId(id);
}
