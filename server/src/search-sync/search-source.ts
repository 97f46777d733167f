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
  /**
   * Other indexes whose records this source's documents copy fields from (e.g. the organisation's
   * name), with the field holding their id: when one of those records is indexed, the records
   * that copy from it are marked for re-indexing too, so the copies never go stale.
   */
  copiesFrom?: { index: string; foreignKey: string }[];
  /**
   * The text whose meaning semantic search compares, built from a document; sources without it
   * get no vectors. Most telling text first: the model reads only the first 256 word pieces.
   */
  embeddingText?(document: SearchDocument): string;
}

/** Every indexed document carries its record's searchVersion under this field. */
export const VERSION_FIELD = 'version';
