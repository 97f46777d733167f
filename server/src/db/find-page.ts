import { Types, type Model } from 'mongoose';
import { decodeIdCursor, encodeIdCursor, pageSize, type Page } from '../shared/pagination';
import { trusted } from './trusted';

/** A page plus how many records match in all. */
export type CountedPage<T> = Page<T> & { totalCount: number };

/** Mongo condition selecting records after the cursor, in `_id` descending order. */
function afterCursorCondition(after: string | null | undefined): Record<string, unknown> {
  return after ? { _id: trusted({ $lt: new Types.ObjectId(decodeIdCursor(after)) }) } : {};
}

/** Builds a page from `size + 1` records fetched in `_id` descending order. */
function toPage<T extends { _id: Types.ObjectId }>(records: T[], size: number): Page<T> {
  const nodes = records.slice(0, size);
  const last = nodes.at(-1);
  return {
    edges: nodes.map((node) => ({ cursor: encodeIdCursor(node._id.toHexString()), node })),
    pageInfo: { hasNextPage: records.length > size, endCursor: last ? encodeIdCursor(last._id.toHexString()) : null },
  };
}

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
  const all = (list: Record<string, unknown>[]) => (list.length > 0 ? { $and: list } : {});
  const [records, totalCount] = await Promise.all([
    model.find(all([afterCursorCondition(after), ...conditions]) as never).sort({ _id: -1 }).limit(size + 1).lean<T[]>(),
    model.countDocuments(all(conditions) as never),
  ]);
  return { ...toPage(records, size), totalCount };
}
