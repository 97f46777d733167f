import type { MongooseUpdateQueryOptions, Query, Schema } from 'mongoose';

/** The per-record bookkeeping the search indexer relies on. */
export interface SearchTracked {
  /** True while the record has changes the search index has not taken yet. */
  searchDirty: boolean;
  /** Bumped by every write; the index stores it, so stale or missing copies can be told apart. */
  searchVersion: number;
  /** While set in the future, one indexer owns the record's pending work. */
  searchLeaseUntil?: Date | null;
}

/** Options of the indexer's own bookkeeping writes, which must neither re-dirty the record nor touch updatedAt. */
// mongoose keeps unknown query options, which is how the hook below recognises these writes.
export const INDEXER_WRITE = { searchIndexer: true, timestamps: false } as MongooseUpdateQueryOptions;

function markDirty(this: Query<unknown, unknown>): void {
  if ((this.getOptions() as { searchIndexer?: boolean }).searchIndexer) return;
  const update = (this.getUpdate() ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const operators = Object.keys(update).filter((key) => key.startsWith('$'));
  const plainFields = Object.fromEntries(Object.entries(update).filter(([key]) => !key.startsWith('$')));
  const next: Record<string, unknown> = Object.fromEntries(operators.map((key) => [key, update[key]]));
  next.$set = { ...plainFields, ...update.$set, searchDirty: true };
  next.$inc = { ...update.$inc, searchVersion: 1 };
  this.setUpdate(next);
}

/**
 * Makes every write to a model mark the record for the search index in the same atomic write.
 * There are no transactions on every database we run on, so the marker must travel with the
 * change itself: a crash between "write" and "tell the indexer" is then impossible, and the
 * indexer can always find what is missing from the index.
 */
export function searchTracked(schema: Schema): void {
  schema.add({
    searchDirty: { type: Boolean, default: true, index: true },
    searchVersion: { type: Number, default: 1 },
    searchLeaseUntil: { type: Date },
  });
  schema.pre(['findOneAndUpdate', 'updateOne', 'updateMany'], markDirty);
}
