import crypto from 'node:crypto';
import { trusted } from '../db/trusted';
import type { Logger } from '../shared/logger';
import { SearchUnavailableError, type SearchDocument, type SearchEngine } from '../search/search-engine';
import { INDEXER_WRITE } from './search-tracked.plugin';
import { VERSION_FIELD, type SearchSource, type TrackedRecord } from './search-source';

/** Tuning for one indexer; tests shorten the lease and timeouts to provoke take-overs. */
export interface IndexerOptions {
  logger: Logger;
  /** Names this worker in logs. */
  owner?: string;
  batchSize?: number;
  /** How long a claim keeps other workers off a record; a crashed worker's claims lapse after it. */
  leaseMs?: number;
  /** An engine call that takes longer counts as failed, so a hung engine cannot stall indexing. */
  callTimeoutMs?: number;
  idleDelayMs?: number;
  maxBackoffMs?: number;
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
  private running: Promise<void> | undefined;
  private stopRequested = false;

  constructor(
    private readonly engine: SearchEngine,
    private readonly sources: SearchSource<TrackedRecord>[],
    private readonly options: IndexerOptions,
  ) {
    this.owner = options.owner ?? `indexer-${crypto.randomUUID().slice(0, 8)}`;
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 10_000;
    this.idleDelayMs = options.idleDelayMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  /** Creates or updates every index's settings. */
  async ensureIndexes(): Promise<void> {
    for (const source of this.sources) {
      await withTimeout(this.engine.ensureIndex(source.index, source.settings), this.callTimeoutMs, 'ensureIndex');
    }
  }

  /** Claims and indexes one batch of one source; returns how many records it took. */
  async processBatch(source: SearchSource<TrackedRecord>): Promise<number> {
    const claimed = await this.claim(source);
    if (claimed.length === 0) return 0;
    const records = await source.model.find({ _id: trusted({ $in: claimed }) }).lean<TrackedRecord[]>();
    const documents = await source.toDocuments(records);
    await this.upsertNewer(source.index, documents);
    for (const record of records) {
      const cleared = await source.model.updateOne(
        { _id: record._id, searchVersion: record.searchVersion },
        { $set: { searchDirty: false, searchLeaseUntil: null } },
        INDEXER_WRITE,
      );
      // Written again since we read it: stays dirty, and the lease goes so the next pass can take it.
      if (cleared.modifiedCount === 0) {
        await source.model.updateOne({ _id: record._id }, { $set: { searchLeaseUntil: null } }, INDEXER_WRITE);
      }
    }
    return records.length;
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
        if (processed === 0) await sleep(Math.min(this.leaseMs, 100));
        failures = 0;
      } catch (error) {
        failures += 1;
        if (Date.now() > deadline) throw error;
        await sleep(this.backoffMs(failures));
      }
    }
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
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopRequested) {
      try {
        let processed = 0;
        for (const source of this.sources) processed += await this.processBatch(source);
        failures = 0;
        if (processed === 0) await sleep(this.idleDelayMs);
      } catch (error) {
        failures += 1;
        const delay = this.backoffMs(failures);
        this.options.logger.warn({ err: error, owner: this.owner, retryInMs: delay }, 'search indexing failed; retrying');
        await sleep(delay);
      }
    }
  }

  /** Exponential backoff with full jitter, so many workers do not retry in step. */
  private backoffMs(failures: number): number {
    const ceiling = Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(failures, 16));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private async claim(source: SearchSource<TrackedRecord>) {
    const now = new Date();
    const free = { $or: [{ searchLeaseUntil: null }, { searchLeaseUntil: trusted({ $lt: now }) }] };
    const candidates = await source.model
      .find({ searchDirty: true, ...free })
      .select({ _id: 1 })
      .limit(this.batchSize)
      .lean<{ _id: TrackedRecord['_id'] }[]>();
    const claimed: TrackedRecord['_id'][] = [];
    for (const candidate of candidates) {
      const result = await source.model.updateOne(
        { _id: candidate._id, searchDirty: true, ...free },
        { $set: { searchLeaseUntil: new Date(now.getTime() + this.leaseMs) } },
        INDEXER_WRITE,
      );
      if (result.modifiedCount === 1) claimed.push(candidate._id);
    }
    return claimed;
  }

  private async upsertNewer(index: string, documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const stored = await withTimeout(this.engine.getDocuments(index, documents.map((d) => String(d.id))), this.callTimeoutMs, 'getDocuments');
    const storedVersion = new Map(stored.map((doc) => [String(doc.id), Number(doc[VERSION_FIELD] ?? 0)]));
    const newer = documents.filter((doc) => (storedVersion.get(String(doc.id)) ?? -1) < Number(doc[VERSION_FIELD]));
    if (newer.length > 0) await withTimeout(this.engine.upsertDocuments(index, newer), this.callTimeoutMs, 'upsertDocuments');
  }
}
