import crypto from 'node:crypto';
import { trusted } from '../db/trusted';
import { FollowerLoop } from '../db/follower-loop';
import { RecordFollower } from '../db/record-follower';
import type { Logger } from '../shared/logger';
import { rejectAfter } from '../shared/timeouts';
import type { Embedder } from '../search/embedder';
import { SearchUnavailableError, VECTOR_FIELD, type SearchDocument, type SearchEngine } from '../search/search-engine';
import { FOLLOWER_WRITE, type Claim } from '../db/record-follower';
import { SEARCH_FIELDS } from './search-tracked.plugin';
import { DocumentVectors, withVectorSettings } from './document-vectors';
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
  /** Other work the loop runs between batches (the deadline sweeper), each under its own lease. */
  jobs?: readonly PeriodicJob[];
  /**
   * Gives documents of sources with embedding text their vectors. Without it the indexer is
   * keyword-only. Its failures never hold up keyword indexing: those records are retried later.
   */
  embedder?: Embedder;
}

/**
 * Moves search-dirty records into the engine: the first consumer of the record follower
 * (db/record-follower.ts), which claims each batch under a lease so several workers never process
 * the same record at once, and clears a record's marker only if it has not changed since it was
 * read, so a write that lands mid-batch is picked up by the next one. Documents are upserted only
 * when the engine's copy is older. Failures back off and retry (db/follower-loop.ts).
 */
export class SearchIndexer {
  readonly owner: string;
  private readonly callTimeoutMs: number;
  /** By index name, so a caller may pass a source with or without its vector settings. */
  private readonly followers: Map<string, RecordFollower<TrackedRecord>>;
  private readonly loop: FollowerLoop;
  private readonly jobs: PeriodicJobs;
  private readonly reconcileEveryMs: number;
  private nextReconcile: number;
  private readonly sources: SearchSource<TrackedRecord>[];
  private readonly vectors: DocumentVectors | undefined;
  private readonly leaseMs: number;
  private readonly maxBackoffMs: number;
  private embedFailures = 0;

  constructor(
    private readonly engine: SearchEngine,
    sources: SearchSource<TrackedRecord>[],
    private readonly options: IndexerOptions,
  ) {
    this.sources = withVectorSettings(sources, options.embedder);
    this.vectors = options.embedder ? new DocumentVectors(options.embedder) : undefined;
    this.owner = options.owner ?? `indexer-${crypto.randomUUID().slice(0, 8)}`;
    const leaseMs = options.leaseMs ?? 30_000;
    this.leaseMs = leaseMs;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.callTimeoutMs = Math.min(options.callTimeoutMs ?? 10_000, Math.floor(leaseMs / 4));
    this.followers = new Map(
      this.sources.map((source) => [
        source.index,
        new RecordFollower<TrackedRecord>(source.model, SEARCH_FIELDS, { owner: this.owner, leaseMs, batchSize: options.batchSize }),
      ]),
    );
    this.jobs = new PeriodicJobs(options.jobs ?? [], this.owner, options.logger);
    this.reconcileEveryMs = options.reconcileEveryMs ?? 0;
    this.nextReconcile = this.reconcileEveryMs > 0 ? Date.now() + this.reconcileEveryMs : Infinity;
    this.loop = new FollowerLoop({
      name: 'search indexing',
      logger: options.logger,
      pass: () => this.pass(),
      pendingCount: () => this.pendingCount(),
      afterPass: () => this.betweenBatches(),
      idleDelayMs: options.idleDelayMs,
      maxBackoffMs: options.maxBackoffMs,
      leaseWaitMs: Math.min(leaseMs, 100),
    });
  }

  /** Creates or updates every index's settings. */
  async ensureIndexes(): Promise<void> {
    for (const source of this.sources) await this.timed(this.engine.ensureIndex(source.index, source.settings), 'ensureIndex');
  }

  /** Claims and indexes one batch of one source; returns how many records it took. */
  async processBatch(source: SearchSource<TrackedRecord>): Promise<number> {
    const follower = this.followers.get(source.index);
    if (!follower) throw new Error(`${source.index} is not one of this indexer's sources`);
    const claim = await follower.claim();
    if (claim.records.length === 0) return 0;
    const documents = await source.toDocuments(claim.records);
    const lacking = this.vectors ? await this.vectors.attachCached(source, documents) : [];
    // Before the upsert, so a crash in between re-runs it rather than losing it.
    await this.markCopies(source, claim.records);
    // Searchable by keyword now, whatever happens to the embedding below.
    await this.upsertNewer(source.index, documents);
    const waiting = await this.embedLacking(source, lacking, claim);
    const stillWaiting = new Set(waiting.map((document) => String(document.id)));
    await follower.finish({ token: claim.token, records: claim.records.filter((record) => !stillWaiting.has(record._id.toHexString())) });
    return claim.records.length;
  }

  /**
   * Embeds what the cache lacked and writes those documents again with their vectors; returns
   * the documents still waiting for one. They stay dirty: after an embedder failure their lease
   * is extended by a backoff so the rest of the queue flows; when only the time budget ran out,
   * they are released for the next pass at once.
   */
  private async embedLacking(source: SearchSource<TrackedRecord>, lacking: SearchDocument[], claim: Claim<TrackedRecord>): Promise<SearchDocument[]> {
    if (!this.vectors || lacking.length === 0) return [];
    let embedded: SearchDocument[] = [];
    let failed = false;
    try {
      // The budget stops new chunks; the timeout ends a stuck embedder well before the lease lapses.
      embedded = await rejectAfter(
        this.vectors.embed(source, lacking, this.callTimeoutMs),
        Math.floor(this.leaseMs / 2),
        () => new SearchUnavailableError('the embedder did not answer in time'),
      );
      this.embedFailures = 0;
    } catch (error) {
      failed = true;
      this.embedFailures += 1;
      this.options.logger.warn({ err: error, index: source.index, records: lacking.length }, 'embedding failed; keyword search has the records, vectors follow on retry');
    }
    await this.upsertNewer(source.index, embedded);
    const done = new Set(embedded);
    const waiting = lacking.filter((document) => !done.has(document));
    const waitingIds = waiting.map((document) => String(document.id));
    const held = claim.records.filter((record) => waitingIds.includes(record._id.toHexString()));
    if (failed && held.length > 0) {
      const ceiling = Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(this.embedFailures, 16));
      await source.model.updateMany(
        { _id: trusted({ $in: held.map((record) => record._id) }), [SEARCH_FIELDS.leaseOwner]: claim.token },
        { $set: { [SEARCH_FIELDS.leaseUntil]: new Date(Date.now() + ceiling / 2 + Math.random() * (ceiling / 2)) } },
        FOLLOWER_WRITE,
      );
    } else if (held.length > 0) {
      await this.followers.get(source.index)?.release({ token: claim.token, records: held });
    }
    return waiting;
  }

  /** Indexes until nothing is dirty: start-up catch-up, tests, and the reindex command. */
  drain(deadlineMs = 60_000): Promise<void> {
    return this.loop.drain(deadlineMs);
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
    for (const follower of this.followers.values()) pending += await follower.pendingCount();
    return pending;
  }

  /** Runs in the background until `stop()`, backing off while the engine fails. */
  start(): void {
    this.loop.start();
  }

  /** Finishes the batch in hand, then stops. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Reconciles when it is due, then runs the periodic jobs that are due. */
  private async betweenBatches(): Promise<void> {
    if (Date.now() >= this.nextReconcile) {
      await this.reconcile();
      this.nextReconcile = Date.now() + this.reconcileEveryMs;
    }
    await this.jobs.runDue();
  }

  /** One batch of every source; how many records it took. */
  private async pass(): Promise<number> {
    let processed = 0;
    for (const source of this.sources) processed += await this.processBatch(source);
    return processed;
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
    const stored = await this.timed(this.engine.getDocuments(index, documents.map((d) => String(d.id))), 'getDocuments');
    const storedVersion = new Map(stored.map((doc) => [String(doc.id), Number(doc[VERSION_FIELD] ?? 0)]));
    const newer = documents.filter((doc) => (storedVersion.get(String(doc.id)) ?? -1) < Number(doc[VERSION_FIELD]));
    const sameWithVector = documents.filter(
      (doc) => storedVersion.get(String(doc.id)) === Number(doc[VERSION_FIELD]) && doc[VECTOR_FIELD] instanceof Float32Array,
    );
    if (sameWithVector.length > 0) {
      const present = await this.timed(this.engine.getVectors(index, sameWithVector.map((d) => String(d.id))), 'getVectors');
      newer.push(...sameWithVector.filter((doc) => !present.has(String(doc.id))));
    }
    if (newer.length > 0) await this.timed(this.engine.upsertDocuments(index, newer), 'upsertDocuments');
  }

  /** An engine call that takes too long counts as failed, so a hung engine cannot stall indexing. */
  private timed<T>(call: Promise<T>, what: string): Promise<T> {
    return rejectAfter(call, this.callTimeoutMs, () => new SearchUnavailableError(`search engine did not answer ${what} within ${this.callTimeoutMs} ms`));
  }
}
