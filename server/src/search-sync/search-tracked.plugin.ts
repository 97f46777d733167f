import type { HydratedDocument, Query, Schema } from 'mongoose';
import { isFollowerWrite, type FollowedFields } from '../db/record-follower';

/** The per-record bookkeeping the search indexer relies on. */
export interface SearchTracked {
  /** True while the record has changes the search index has not taken yet. */
  searchDirty: boolean;
  /** Bumped by every write; the index stores it, so stale or missing copies can be told apart. */
  searchVersion: number;
  /** While set in the future, the claim named by searchLeaseOwner owns the record's pending work. */
  searchLeaseUntil?: Date | null;
  /** The indexer claim (worker name and claim number) holding the lease; only it may release the lease early. */
  searchLeaseOwner?: string | null;
}

/** Where the indexer's marker lives, for the record follower it runs on. */
export const SEARCH_FIELDS: FollowedFields = {
  pending: 'searchDirty',
  version: 'searchVersion',
  leaseUntil: 'searchLeaseUntil',
  leaseOwner: 'searchLeaseOwner',
};

type Update = Record<string, unknown>;

/** The same update, plus `searchDirty: true` and `searchVersion + 1`, merged into any $set/$inc it already has. */
function withMarker(update: Update | unknown[] | null | undefined): Update {
  if (Array.isArray(update)) throw new Error('Pipeline updates are not supported on search-tracked models.');
  const given = update ?? {};
  const operators = Object.fromEntries(Object.entries(given).filter(([key]) => key.startsWith('$')));
  const plainFields = Object.fromEntries(Object.entries(given).filter(([key]) => !key.startsWith('$')));
  const $set = { ...plainFields, ...(operators.$set as Update | undefined), searchDirty: true };
  const $inc = { ...(operators.$inc as Update | undefined), searchVersion: 1 };
  return { ...operators, $set, $inc };
}

function markUpdate(this: Query<unknown, unknown>): void {
  if (isFollowerWrite(this.getOptions())) return;
  this.setUpdate(withMarker(this.getUpdate() as Update | null));
}

/** Bulk updates skip query middleware, so each operation is marked here (the deadline sweep uses one). */
function markBulk(ops: Record<string, { update?: Update } | undefined>[], options?: unknown): void {
  if (isFollowerWrite(options)) return;
  for (const op of ops) {
    if (op.replaceOne) refuseUntrackable();
    if (op.deleteOne || op.deleteMany) refuseUntrackable();
    for (const kind of ['updateOne', 'updateMany'] as const) {
      const spec = op[kind];
      if (spec) spec.update = withMarker(spec.update);
    }
  }
}

/** A deleted record can carry no marker, and a replacement cannot $inc one; both would drift silently. */
function refuseUntrackable(): never {
  throw new Error('Search-tracked records are updated with operators, never replaced or hard-deleted; archive them instead.');
}

/**
 * Makes every write to a model mark the record for the search index in the same atomic write.
 * There are no transactions on every database we run on, so the marker must travel with the
 * change itself: a crash between "write" and "tell the indexer" is then impossible, and the
 * indexer can always find what is missing from the index. Creates get the marker from the
 * defaults; replacements and hard deletes are refused rather than allowed to drift.
 */
export function searchTracked(schema: Schema): void {
  schema.add({
    searchDirty: { type: Boolean, default: true, index: true },
    searchVersion: { type: Number, default: 1 },
    searchLeaseUntil: { type: Date },
    searchLeaseOwner: { type: String },
  });
  schema.pre(['findOneAndUpdate', 'updateOne', 'updateMany'], markUpdate);
  schema.pre('bulkWrite', markBulk as never);
  schema.pre(['replaceOne', 'findOneAndReplace', 'deleteOne', 'deleteMany', 'findOneAndDelete'], { document: false, query: true }, refuseUntrackable);
  schema.pre('save', function markSaved(this: HydratedDocument<SearchTracked>) {
    if (this.isNew) return;
    this.searchDirty = true;
    this.$inc('searchVersion', 1);
  });
}
