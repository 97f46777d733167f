import crypto from 'node:crypto';
import type { Types } from 'mongoose';
import { trusted } from '../db/trusted';
import type { Logger } from '../shared/logger';
import type { Embedder } from '../search/embedder';
import { SearchUnavailableError, VECTOR_FIELD, type SearchDocument, type SearchEngine } from '../search/search-engine';
import { DocumentVectors, withVectorSettings } from './document-vectors';
import { INDEXER_BULK_WRITE, INDEXER_WRITE } from './search-tracked.plugin';
import { VERSION_FIELD, type SearchSource, type TrackedRecord } from './search-source';
import { measureDrift, repairDrift } from './drift';
import { PeriodicJobs, type PeriodicJob } from './periodic-jobs';

/** Tuning for one indexer; tests shorten the lease and timeouts to provoke take-overs. */
export interface IndexerOptions {
  logger: Logger;
  /** Names this worker in logs and in the leases it holds. */
  owner?: string;
  batchSize?: number;
  /** How long a claim keeps other workers off a record; a crashed worker's claims lapse after it. */
  leaseMs?: number;
  /**
   * An engine call that takes longer counts as failed, so a hung engine cannot stall indexing.
   * Capped at a quarter of the lease, so a batch ends (or fails) before its claim can lapse.
   */
  callTimeoutMs?: number;
  idleDelayMs?: number;
  maxBackoffMs?: number;
  /**
   * How often the running indexer compares every index with the database and re-marks what
   * differs; 0 turns it off. It catches what markers cannot: a timed-out engine write that lands
   * late over a newer one, or an engine that lost its data.
   */
  reconcileEveryMs?: number;
  /**
   * Gives documents of sources with embedding text their vectors. Without it the indexer is
   * keyword-only. Its failures never hold up keyword indexing: those records are retried later.
   */
  embedder?: Embedder;
  /** Other work the loop runs between batches (the deadline sweeper), each under its own lease. */
  jobs?: readonly PeriodicJob[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new SearchUnavailableError(`search engine did not answer ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves search-dirty records into the engine. Each batch is claimed with a lease so several
 * workers never process the same record at once; documents are upserted only when the engine's
 * copy is older; and a record's marker is cleared only if it has not changed since it was read,
 * so a write that lands mid-batch is picked up by the next one. Failures back off and retry.
 */
export class SearchIndexer {
  readonly owner: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly callTimeoutMs: number;
  private readonly idleDelayMs: number;
  private readonly maxBackoffMs: number;
  private readonly reconcileEveryMs: number;
  private readonly jobs: PeriodicJobs;
  private claims = 0;
  private readonly vectors: DocumentVectors | undefined;
  private embedFailures = 0;
  private running: Promise<void> | undefined;
  private stopRequested = false;
  private wake: (() => void) | undefined;

  private readonly sources: SearchSource<TrackedRecord>[];

  constructor(
    private readonly engine: SearchEngine,
    sources: SearchSource<TrackedRecord>[],
    private readonly options: IndexerOptions,
  ) {
    this.sources = withVectorSettings(sources, options.embedder);
    this.owner = options.owner ?? `indexer-${crypto.randomUUID().slice(0, 8)}`;
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.callTimeoutMs = Math.min(options.callTimeoutMs ?? 10_000, Math.floor(this.leaseMs / 4));
    this.idleDelayMs = options.idleDelayMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.reconcileEveryMs = options.reconcileEveryMs ?? 0;
    this.vectors = options.embedder ? new DocumentVectors(options.embedder) : undefined;
    this.jobs = new PeriodicJobs(options.jobs ?? [], this.owner, options.logger);
  }

  /** Creates or updates every index's settings. */
  async ensureIndexes(): Promise<void> {
    for (const source of this.sources) {
      await withTimeout(this.engine.ensureIndex(source.index, source.settings), this.callTimeoutMs, 'ensureIndex');
    }
  }

  /** Claims and indexes one batch of one source; returns how many records it took. */
  async processBatch(source: SearchSource<TrackedRecord>): Promise<number> {
    const { token, ids } = await this.claim(source);
    if (ids.length === 0) return 0;
    const records = await source.model.find({ _id: trusted({ $in: ids }) }).lean<TrackedRecord[]>();
    const documents = await source.toDocuments(records);
    const lacking = this.vectors ? await this.vectors.attachCached(source, documents) : [];
    // Before the upsert, so a crash in between re-runs it rather than losing it.
    await this.markCopies(source, records);
    // Searchable by keyword now, whatever happens to the embedding below.
    await this.upsertNewer(source.index, documents);
    const waiting = new Set((await this.embedLacking(source, lacking)).map((document) => String(document.id)));
    await source.model.bulkWrite(
      records.filter((record) => !waiting.has(record._id.toHexString())).map((record) => ({
        updateOne: {
          // Only the claim holder finishes, and only if nobody wrote the record since it was read.
          filter: { _id: record._id, searchVersion: record.searchVersion, searchLeaseOwner: token },
          update: { $set: { searchDirty: false }, $unset: { searchLeaseUntil: 1, searchLeaseOwner: 1 } },
        },
      })),
      { ordered: false, ...INDEXER_BULK_WRITE },
    );
    // Records written again meanwhile stay dirty; their lease goes so the next pass can take them.
    await this.release(source, token, ids);
    return records.length;
  }

  /**
   * Embeds what the cache lacked and writes those documents again with their vectors; returns
   * the documents still waiting for one. They stay dirty: after an embedder failure their lease
   * is extended by a backoff so the rest of the queue flows; when only the time budget ran out,
   * the next pass takes them at once.
   */
  private async embedLacking(source: SearchSource<TrackedRecord>, lacking: SearchDocument[]): Promise<SearchDocument[]> {
    if (!this.vectors || lacking.length === 0) return [];
    let embedded: SearchDocument[] = [];
    let failed = false;
    try {
      // The budget stops new chunks; the timeout ends a stuck embedder well before the lease lapses.
      embedded = await withTimeout(this.vectors.embed(source, lacking, this.callTimeoutMs), Math.floor(this.leaseMs / 2), 'embedding');
      this.embedFailures = 0;
    } catch (error) {
      failed = true;
      this.embedFailures += 1;
      this.options.logger.warn({ err: error, index: source.index, records: lacking.length }, 'embedding failed; keyword search has the records, vectors follow on retry');
    }
    await this.upsertNewer(source.index, embedded);
    const done = new Set(embedded);
    const waiting = lacking.filter((document) => !done.has(document));
    if (failed && waiting.length > 0) {
      await source.model.updateMany(
        { _id: trusted({ $in: waiting.map((document) => String(document.id)) }) },
        { $set: { searchLeaseOwner: `${this.owner}#embedding-retry`, searchLeaseUntil: new Date(Date.now() + this.backoffMs(this.embedFailures)) } },
        INDEXER_WRITE,
      );
    }
    return waiting;
  }

  /** Indexes until nothing is dirty: start-up catch-up, tests, and the reindex command. */
  async drain(deadlineMs = 60_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    let failures = 0;
    for (;;) {
      try {
        let processed = 0;
        for (const source of this.sources) processed += await this.processBatch(source);
        if (processed === 0 && (await this.pendingCount()) === 0) return;
        // Records can wait out a lease (another worker's, or an embedding retry): wait, but not forever.
        if (processed === 0 && Date.now() > deadline) throw new Error(`search indexing did not drain within ${deadlineMs} ms`);
        if (processed === 0) await sleep(Math.min(this.leaseMs, 100));
        failures = 0;
      } catch (error) {
        failures += 1;
        if (Date.now() > deadline) throw error;
        await sleep(this.backoffMs(failures));
      }
    }
  }

  /** Compares every index with the database and re-marks what differs; returns how many records it touched. */
  async reconcile(): Promise<number> {
    let touched = 0;
    for (const source of this.sources) {
      const drift = await measureDrift(this.engine, source);
      const count = drift.missing.length + drift.stale.length + drift.orphaned.length;
      if (count === 0) continue;
      this.options.logger.warn(
        { index: source.index, missing: drift.missing.length, stale: drift.stale.length, orphaned: drift.orphaned.length },
        'search index drifted from the database; repairing',
      );
      await repairDrift(this.engine, source, drift);
      touched += count;
    }
    return touched;
  }

  /** Records still waiting for the index, across all sources. */
  async pendingCount(): Promise<number> {
    let pending = 0;
    for (const source of this.sources) pending += await source.model.countDocuments({ searchDirty: true });
    return pending;
  }

  /** Runs in the background until `stop()`, backing off while the engine fails. */
  start(): void {
    if (this.running) return;
    this.stopRequested = false;
    this.running = this.loop();
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let nextReconcile = this.reconcileEveryMs > 0 ? Date.now() + this.reconcileEveryMs : Infinity;
    while (!this.stopRequested) {
      try {
        let processed = 0;
        for (const source of this.sources) processed += await this.processBatch(source);
        if (failures > 0) this.options.logger.info({ owner: this.owner, failures }, 'search indexing recovered');
        failures = 0;
        if (Date.now() >= nextReconcile) {
          await this.reconcile();
          nextReconcile = Date.now() + this.reconcileEveryMs;
        }
        await this.jobs.runDue();
        if (processed === 0) await this.pause(this.idleDelayMs);
      } catch (error) {
        failures += 1;
        const delay = this.backoffMs(failures);
        this.options.logger.warn({ err: error, owner: this.owner, failures, retryInMs: delay }, 'search indexing failed; retrying');
        await this.pause(delay);
      }
    }
  }

  /** Sleeps, but wakes at once on stop() so shutdown never waits out a long backoff. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Exponential backoff with jitter, so many workers do not retry in step. */
  private backoffMs(failures: number): number {
    const ceiling = Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(failures, 16));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  /**
   * Takes a lease on up to one batch of dirty records whose lease is free or lapsed. The
   * conditional updateMany is atomic per record, so of several workers racing for a record
   * exactly one claim token lands on it; reading the token back tells each worker what it won.
   */
  private async claim(source: SearchSource<TrackedRecord>): Promise<{ token: string; ids: Types.ObjectId[] }> {
    this.claims += 1;
    const token = `${this.owner}#${this.claims}`;
    const now = new Date();
    const free = { $or: [{ searchLeaseUntil: null }, { searchLeaseUntil: trusted({ $lt: now }) }] };
    const candidates = await source.model
      .find({ searchDirty: true, ...free })
      .select({ _id: 1 })
      .limit(this.batchSize)
      .lean<{ _id: Types.ObjectId }[]>();
    if (candidates.length === 0) return { token, ids: [] };
    const candidateIds = candidates.map((candidate) => candidate._id);
    await source.model.updateMany(
      { _id: trusted({ $in: candidateIds }), searchDirty: true, ...free },
      { $set: { searchLeaseOwner: token, searchLeaseUntil: new Date(now.getTime() + this.leaseMs) } },
      INDEXER_WRITE,
    );
    const won = await source.model
      .find({ _id: trusted({ $in: candidateIds }), searchLeaseOwner: token })
      .select({ _id: 1 })
      .lean<{ _id: Types.ObjectId }[]>();
    return { token, ids: won.map((record) => record._id) };
  }

  private async release(source: SearchSource<TrackedRecord>, token: string, ids: Types.ObjectId[]): Promise<void> {
    await source.model.updateMany(
      { _id: trusted({ $in: ids }), searchLeaseOwner: token },
      { $unset: { searchLeaseUntil: 1, searchLeaseOwner: 1 } },
      INDEXER_WRITE,
    );
  }

  /** Marks the records of other sources that copy fields from these records, so their copies follow. */
  private async markCopies(source: SearchSource<TrackedRecord>, records: TrackedRecord[]): Promise<void> {
    if (records.length === 0) return;
    const ids = records.map((record) => record._id);
    for (const dependent of this.sources) {
      for (const link of dependent.copiesFrom ?? []) {
        if (link.index !== source.index) continue;
        // A normal (not indexer) write: the plugin marks each matching record dirty and bumps its version.
        await dependent.model.updateMany({ [link.foreignKey]: trusted({ $in: ids }) }, {}, { timestamps: false });
      }
    }
  }

  /**
   * Writes the documents the engine holds an older copy of, and the same-version copies that
   * bring a vector the engine's copy lacks (a vector that landed after its document).
   */
  private async upsertNewer(index: string, documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const stored = await withTimeout(this.engine.getDocuments(index, documents.map((d) => String(d.id))), this.callTimeoutMs, 'getDocuments');
    const storedVersion = new Map(stored.map((doc) => [String(doc.id), Number(doc[VERSION_FIELD] ?? 0)]));
    const newer = documents.filter((doc) => (storedVersion.get(String(doc.id)) ?? -1) < Number(doc[VERSION_FIELD]));
    const sameWithVector = documents.filter(
      (doc) => storedVersion.get(String(doc.id)) === Number(doc[VERSION_FIELD]) && doc[VECTOR_FIELD] instanceof Float32Array,
    );
    if (sameWithVector.length > 0) {
      const present = await withTimeout(this.engine.getVectors(index, sameWithVector.map((d) => String(d.id))), this.callTimeoutMs, 'getVectors');
      newer.push(...sameWithVector.filter((doc) => !present.has(String(doc.id))));
    }
    if (newer.length > 0) await withTimeout(this.engine.upsertDocuments(index, newer), this.callTimeoutMs, 'upsertDocuments');
  }
}
