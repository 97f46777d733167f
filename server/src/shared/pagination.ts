import { trusted } from '../db/trusted';
import { Types } from 'mongoose';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;

/** A page of records, newest first, with an opaque cursor to continue from. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function encodeCursor(id: Types.ObjectId): string {
  return Buffer.from(id.toHexString(), 'utf8').toString('base64url');
}

/** Reads a cursor produced by `encodeCursor`; anything else is a BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string): Types.ObjectId {
  const hex = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f]{24}$/.test(hex)) throw badInput([{ field: 'after', message: 'is not a valid cursor' }]);
  return new Types.ObjectId(hex);
}

/** What every list takes, exactly as GraphQL passes it, so resolvers hand `args` straight through. */
export interface ListArgs<Filter> {
  filter?: Filter | null;
  first?: number | null;
  after?: string | null;
}

/** Validates `first`, so a client can neither ask for nothing nor for the whole collection. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput([{ field: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  return size;
}

/** Mongo condition selecting records after the cursor, in `_id` descending order. */
export function afterCursorCondition(after: string | null | undefined): Record<string, unknown> {
  return after ? { _id: trusted({ $lt: decodeCursor(after) }) } : {};
}

/** Builds a page from `size + 1` records fetched in `_id` descending order. */
export function toPage<T extends { _id: Types.ObjectId }>(records: T[], size: number): Page<T> {
  const nodes = records.slice(0, size);
  const last = nodes.at(-1);
  return {
    edges: nodes.map((node) => ({ cursor: encodeCursor(node._id), node })),
    pageInfo: { hasNextPage: records.length > size, endCursor: last ? encodeCursor(last._id) : null },
  };
}
