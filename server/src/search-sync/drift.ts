import { Types } from 'mongoose';
import { trusted } from '../db/trusted';
import { FOLLOWER_WRITE } from '../db/record-follower';
import type { SearchEngine } from '../search/search-engine';
import { VERSION_FIELD, type SearchSource, type TrackedRecord } from './search-source';
import type { DocumentVectors } from './document-vectors';

/** How an index differs from the database it mirrors. */
export interface Drift {
  index: string;
  /** In the database, not in the index. */
  missing: string[];
  /** In the index at an older version than the database. */
  stale: string[];
  /** In the index, not in the database. */
  orphaned: string[];
}

/** Compares every record's searchVersion with the version its indexed document carries. */
export async function measureDrift(engine: SearchEngine, source: SearchSource<TrackedRecord>, index = source.index): Promise<Drift> {
  const records = await source.model.find({}).select({ _id: 1, searchVersion: 1 }).lean<TrackedRecord[]>();
  const databaseVersions = new Map(records.map((record) => [record._id.toHexString(), record.searchVersion ?? 0]));
  const indexedVersions = new Map<string, number>();
  for await (const { id, version } of engine.iterateVersions(index, VERSION_FIELD)) indexedVersions.set(id, Number(version ?? 0));
  const drift: Drift = { index, missing: [], stale: [], orphaned: [] };
  for (const [id, version] of databaseVersions) {
    const indexed = indexedVersions.get(id);
    if (indexed === undefined) drift.missing.push(id);
    else if (indexed < version) drift.stale.push(id);
  }
  for (const id of indexedVersions.keys()) if (!databaseVersions.has(id)) drift.orphaned.push(id);
  return drift;
}

/**
 * Brings the index level with the database. Missing and stale records are marked dirty rather
 * than written here, so the indexer writes them under its lease and version check and a repair
 * racing a live indexer can never put an older copy over a newer one. Orphans are deleted once
 * the database confirms, at that moment, that their records do not exist.
 */
export async function repairDrift(engine: SearchEngine, source: SearchSource<TrackedRecord>, drift: Drift): Promise<void> {
  const toMark = [...drift.missing, ...drift.stale];
  for (let start = 0; start < toMark.length; start += 500) {
    await source.model.updateMany({ _id: trusted({ $in: toMark.slice(start, start + 500) }) }, { $set: { searchDirty: true } }, FOLLOWER_WRITE);
  }
  const candidates = drift.orphaned.filter((id) => Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id));
  const existing = new Set(
    (await source.model.find({ _id: trusted({ $in: candidates }) }).select({ _id: 1 }).lean<{ _id: Types.ObjectId }[]>()).map((r) =>
      r._id.toHexString(),
    ),
  );
  const orphans = drift.orphaned.filter((id) => !existing.has(id));
  if (orphans.length > 0) await engine.deleteDocuments(drift.index, orphans);
}

/**
 * Writes every record of a source into `index` in batches, reporting progress: the full rebuild.
 * Vectors come from the cache only; records whose text has none yet are marked dirty, so the
 * indexer embeds them while the rebuilt index already serves keyword search.
 */
export async function rebuildIndex(
  engine: SearchEngine,
  source: SearchSource<TrackedRecord>,
  index: string,
  onProgress: (done: number, total: number) => void = () => undefined,
  vectors?: DocumentVectors,
): Promise<number> {
  await engine.ensureIndex(index, source.settings);
  const total = await source.model.countDocuments({});
  onProgress(0, total);
  let done = 0;
  let lastId: TrackedRecord['_id'] | undefined;
  for (;;) {
    const records = await source.model
      .find(lastId ? { _id: trusted({ $gt: lastId }) } : {})
      .sort({ _id: 1 })
      .limit(500)
      .lean<TrackedRecord[]>();
    if (records.length === 0) break;
    const documents = await source.toDocuments(records);
    const lacking = vectors ? await vectors.attachCached(source, documents) : [];
    await engine.upsertDocuments(index, documents);
    if (lacking.length > 0) {
      await source.model.updateMany({ _id: trusted({ $in: lacking.map((document) => String(document.id)) }) }, { $set: { searchDirty: true } }, FOLLOWER_WRITE);
    }
    done += records.length;
    lastId = records.at(-1)?._id;
    onProgress(done, total);
  }
  return done;
}
