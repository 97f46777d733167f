import { loadConfig } from './config/config';
import { createLogger } from './shared/logger';
import { connectDatabase, disconnectDatabase } from './db/connection';
import { createSearchEngine } from './search-sync/create-search-engine';
import { createEmbedder } from './search-sync/create-embedder';
import { SearchIndexer } from './search-sync/indexer';
import { searchSources } from './search-sources';
import { workerEventDispatcher, workerJobs } from './worker-jobs';
import { createMailer } from './mail/create-mailer';
import { loggingEventSink } from './context/service-context';

/**
 * `npm run indexer`: the search indexer as its own process, for production with Meilisearch
 * (the app then runs with SEARCH_INDEXER=off), with the periodic jobs (the deadline sweeper) and the
 * domain-event consumers.
 * Several may run at once; leases keep them apart.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  if (config.search.driver !== 'meilisearch') {
    throw new Error('The separate indexer is for SEARCH_DRIVER=meilisearch; the embedded engine is indexed inside the app.');
  }
  if (!config.mongo.uri) throw new Error('MONGODB_URI must point at the database the app uses.');
  const logger = createLogger(config.logLevel);
  await connectDatabase(config.mongo.uri, config.mongo.dbName, logger, config.mongo.waitMs);
  const { embedder } = await createEmbedder(config, logger);
  const engine = await createSearchEngine(config);
  const collaborators = {
    mailer: createMailer(config, logger),
    publicUrl: config.publicUrl,
    search: { assertReady: () => engine, embedder },
    events: loggingEventSink(logger),
    logger,
  };
  const indexer = new SearchIndexer(engine, searchSources, {
    logger,
    leaseMs: config.search.leaseMs,
    reconcileEveryMs: config.search.reconcileEveryMs,
    embedder,
    jobs: workerJobs(collaborators),
  });
  const dispatcher = workerEventDispatcher(collaborators);
  await indexer.ensureIndexes();
  indexer.start();
  dispatcher.start();
  logger.info({ owner: indexer.owner, events: dispatcher.owner }, 'search indexer and event consumers running');
  const shutdown = async () => {
    await dispatcher.stop();
    await indexer.stop();
    await embedder?.close();
    await disconnectDatabase();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

run().catch((error: unknown) => {
  process.stderr.write(`Search indexer could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
