import { Types } from 'mongoose';
import { badInput, notFound } from '../shared/errors';

/**
 * Turns a client-supplied id into an ObjectId. A malformed id is reported as NOT_FOUND,
 * exactly like a well-formed id of a record that does not exist or is hidden.
 */
export function toObjectId(entity: string, id: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) throw notFound(entity, id);
  return new Types.ObjectId(id);
}

/**
 * Turns an id given as a list filter into an ObjectId. Unlike a looked-up id, a malformed filter
 * id is the caller's mistake and hides nothing, so it is BAD_USER_INPUT naming the field.
 */
export function filterObjectId(field: string, id: string): Types.ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw badInput([{ field, message: 'is not a valid id' }]);
  return new Types.ObjectId(id);
}
