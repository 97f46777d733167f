import type { Model, Types } from 'mongoose';
import { afterCursorCondition, pageSize, toPage, type Page } from '../shared/pagination';

/** A page plus how many records match in all. */
export type CountedPage<T> = Page<T> & { totalCount: number };

/**
 * One page of `model` matching every condition, newest first, with the total count: the shape
 * every list in the API returns.
 */
export async function findPage<T extends { _id: Types.ObjectId }>(
  model: Model<T>,
  conditions: Record<string, unknown>[],
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<CountedPage<T>> {
  const size = pageSize(first);
  const [records, totalCount] = await Promise.all([
    model.find({ $and: [afterCursorCondition(after), ...conditions] } as never).sort({ _id: -1 }).limit(size + 1).lean<T[]>(),
    model.countDocuments({ $and: conditions } as never),
  ]);
  return { ...toPage(records, size), totalCount };
}
