import type { Logger } from '../shared/logger';
import { SearchUnavailableError, type SearchEngine } from '../search/search-engine';
import { StatisticsKeepingEngine } from '../search/statistics-keeping-engine';
import type { ReadinessCheck } from '../health/health.routes';
import type { Embedder } from '../search/embedder';
import { rebuildIndex } from './drift';
import { DocumentVectors, withVectorSettings } from './document-vectors';
import { SearchIndexer, type IndexerOptions } from './indexer';
import type { SearchSource, TrackedRecord } from './search-source';

/**
 * The search engine with its indexer, and whether it may serve yet. An embedded engine starts
 * empty, so it is rebuilt from the database before it reports ready; a persistent engine only
 * needs its settings applied, after which the indexer catches up on whatever is dirty.
 */
/** Whether searches can use meaning as well as words, and if not, why not: for logs, /readyz and results. */
export type SemanticStatus = { enabled: true; modelId: string } | { enabled: false; reason: string };

export class SearchRuntime {
  /** The engine behind statistics keeping, so hybrid search ranks keywords with our own BM25 on any engine. */
  readonly engine: StatisticsKeepingEngine;
  readonly indexer: SearchIndexer;
  /** The model that embeds queries; absent when semantic search is off. */
  readonly embedder: Embedder | undefined;
  readonly semantic: SemanticStatus;
  private readonly sources: SearchSource<TrackedRecord>[];
  private ready = false;
  /** Only an index built in this process can be half-built; a Meilisearch outage degrades search, not the app. */
  private gatesReadiness = true;
  private stopped = false;
  private readonly statisticsRefreshMs: number;
  private statisticsTimer: NodeJS.Timeout | undefined;

  constructor(
    engine: SearchEngine,
    sources: SearchSource<TrackedRecord>[],
    private readonly logger: Logger,
    indexerOptions: Omit<IndexerOptions, 'logger'> & { semanticUnavailableReason?: string } = {},
  ) {
    const { semanticUnavailableReason, ...options } = indexerOptions;
    this.engine = new StatisticsKeepingEngine(engine);
    this.statisticsRefreshMs = options.reconcileEveryMs ?? 0;
    this.embedder = options.embedder;
    this.semantic = this.embedder
      ? { enabled: true, modelId: this.embedder.modelId }
      : { enabled: false, reason: semanticUnavailableReason ?? 'no embedding model configured' };
    this.sources = withVectorSettings(sources, this.embedder);
    this.indexer = new SearchIndexer(this.engine, sources, { logger, ...options });
  }

  /**
   * Builds (embedded) or prepares (Meilisearch) the indexes, then starts the background indexer
   * unless another process runs it. A persistent engine that is down does not block start-up:
   * its preparation retries in the background while search answers SEARCH_UNAVAILABLE.
   */
  async start({ rebuildFromDatabase, runIndexer }: { rebuildFromDatabase: boolean; runIndexer: boolean }): Promise<void> {
    if (!rebuildFromDatabase) {
      this.gatesReadiness = false;
      void this.prepareWithRetry().then(() => {
        this.refreshStatisticsPeriodically();
        if (runIndexer) this.indexer.start();
      });
      return;
    }
    for (const source of this.sources) {
      const startedAt = Date.now();
      const count = await rebuildIndex(
        this.engine,
        source,
        source.index,
        (done, total) => {
          if (done === total || done % 5000 === 0) this.logger.info({ index: source.index, done, total }, 'building search index');
        },
        this.embedder && new DocumentVectors(this.embedder),
      );
      this.logger.info({ index: source.index, documents: count, ms: Date.now() - startedAt }, 'search index built');
    }
    this.ready = true;
    if (runIndexer) this.indexer.start();
  }

  private async prepareWithRetry(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        await this.indexer.ensureIndexes();
        this.ready = true;
        return;
      } catch (error) {
        const delay = Math.min(30_000, 500 * 2 ** attempt);
        this.logger.warn({ err: error, retryInMs: delay }, 'search engine not ready; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Search callers ask this first: a half-built index must not answer as if complete. */
  assertReady(): SearchEngine {
    if (!this.ready) throw new SearchUnavailableError('Search is starting up; try again in a moment.');
    return this.engine;
  }

  /** `/readyz`: false until the embedded index is fully built, so no half-built index takes traffic. */
  readonly readiness: ReadinessCheck = {
    name: 'search',
    check: async () => !this.gatesReadiness || this.ready,
    details: () => ({ semantic: this.semantic }),
  };

  /**
   * A persistent engine is also written by other processes (`npm run indexer`, or other app
   * instances indexing under leases), whose writes this process's statistics never see: they are
   * recounted from the engine as often as the indexer reconciles, so ranking cannot drift for long.
   */
  private refreshStatisticsPeriodically(): void {
    if (this.statisticsRefreshMs <= 0 || this.stopped) return;
    this.statisticsTimer = setInterval(() => {
      this.engine.refreshStatistics().catch((error: unknown) => this.logger.warn({ err: error }, 'search statistics not refreshed; retrying later'));
    }, this.statisticsRefreshMs).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.statisticsTimer);
    await this.indexer.stop();
    await this.embedder?.close();
  }
}
