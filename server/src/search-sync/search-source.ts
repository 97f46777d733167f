import type { Model, Types } from 'mongoose';
import type { IndexSettings, SearchDocument } from '../search/search-engine';
import type { SearchTracked } from './search-tracked.plugin';

/** A record the indexer can read: any search-tracked model's lean document. */
export type TrackedRecord = SearchTracked & { _id: Types.ObjectId };

/**
 * How one feature's records become search documents. Features declare this next to their model,
 * so the indexer and the search engine never learn a feature's schema.
 */
export interface SearchSource<R extends TrackedRecord = TrackedRecord> {
  index: string;
  settings: IndexSettings;
  model: Model<R>;
  /** Builds the documents for a batch of records (batching lets sources denormalise cheaply). */
  toDocuments(records: R[]): Promise<SearchDocument[]>;
}

/** Every indexed document carries its record's searchVersion under this field. */
export const VERSION_FIELD = 'version';
