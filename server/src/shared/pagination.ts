import { badInput } from './errors';

/**
 * Both cursor schemes the API hands out live here: lists page by record id (a cursor names the
 * last record seen), search pages by offset into the engine's ranking. Both are opaque base64url
 * strings, and both share one page-size rule.
 */

export const MAX_PAGE_SIZE = 100;

/** A page of records, newest first, with an opaque cursor to continue from. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** What every list takes, exactly as GraphQL passes it, so resolvers hand `args` straight through. */
export interface ListArgs<Filter> {
  filter?: Filter | null;
  first?: number | null;
  after?: string | null;
}

/** Validates `first`, so a client can neither ask for nothing nor for everything. */
export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badInput([{ field: 'first', message: `must be between 1 and ${max}` }]);
  }
  return size;
}

const invalidCursor = () => badInput([{ field: 'after', message: 'is not a valid cursor' }]);

/** The cursor of a list page: the hex id of the last record on it. */
export function encodeIdCursor(hexId: string): string {
  return Buffer.from(hexId, 'utf8').toString('base64url');
}

/** Reads a cursor produced by `encodeIdCursor`; anything else is a BAD_USER_INPUT on `after`. */
export function decodeIdCursor(cursor: string): string {
  const hex = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f]{24}$/.test(hex)) throw invalidCursor();
  return hex;
}

/** The cursor of a search page: how many ranked hits come before the next page. */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

/** Reads a cursor produced by `encodeOffsetCursor` (0 without one), refusing offsets beyond `maxOffset`. */
export function decodeOffsetCursor(cursor: string | null | undefined, maxOffset: number): number {
  if (!cursor) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset > maxOffset) throw invalidCursor();
  return offset;
}
