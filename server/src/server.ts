import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config/config';
import { createLogger, type Logger } from './shared/logger';
import { connectDatabase, DatabaseUnavailableError, disconnectDatabase } from './db/connection';
import { configuredDatabase, DatabaseServerError, type OpenDatabase } from './db/with-database';
import { createMailer } from './mail/create-mailer';
import { SmtpMailer } from './mail/mailer';
import { createApp } from './app';
import { SearchRuntime } from './search-sync/search-runtime';
import { createSearchEngine } from './search-sync/create-search-engine';
import { createEmbedder } from './search-sync/create-embedder';
import { searchSources } from './search-sources';
import { workerEventDispatcher, workerJobs } from './worker-jobs';
import { loggingEventSink } from './context/service-context';
import { limitHeapGrowth } from './shared/heap-growth';

const SHUTDOWN_GRACE_MS = 10_000;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** What a start path adds around the server; development loads the demo into an empty database. */
export interface ServerStart {
  openDatabase: OpenDatabase;
  /** Runs once the database is connected, before search is built and requests are served. */
  prepareDatabase?: (config: Config, logger: Logger) => Promise<void>;
}

async function serve({ openDatabase, prepareDatabase }: ServerStart): Promise<void> {
  const startedAt = Date.now();
  limitHeapGrowth();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger);
  try {
    await connectDatabase(database.uri, config.mongo.dbName, logger, config.mongo.waitMs);
    await prepareDatabase?.(config, logger);
    const mailer = createMailer(config, logger);
    if (mailer instanceof SmtpMailer) {
      // A relay that is down now may be up by the first email; say so rather than refuse to start.
      await mailer.verify().catch((error: unknown) => logger.warn({ err: error }, 'the SMTP relay does not answer yet; emails will fail until it does'));
    }
    const events = loggingEventSink(logger);
    const engine = await createSearchEngine(config);
    const search: SearchRuntime = new SearchRuntime(engine, searchSources, logger, {
      leaseMs: config.search.leaseMs,
      reconcileEveryMs: config.search.reconcileEveryMs,
      ...(await createEmbedder(config, logger)),
      jobs: workerJobs({ mailer, publicUrl: config.publicUrl, search: { assertReady: () => search.assertReady() }, events, logger }),
    });
    await search.start({ rebuildFromDatabase: config.search.driver === 'embedded', runIndexer: config.search.inProcessIndexer });
    // The domain-event consumers run wherever the worker loop runs: here, or in `npm run indexer`.
    const dispatcher = workerEventDispatcher({ mailer, publicUrl: config.publicUrl, search, events, logger });
    if (config.search.inProcessIndexer) dispatcher.start();
    const pilotline = await createApp({ config, logger, mailer, search, events });
    const { createServer } = await import('node:http');
    const server = createServer(pilotline.app);
    await listen(server, config.port, config.host).catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'EADDRINUSE' ? `Port ${config.port} is already in use; set PORT to another port.` : error.message);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, readyInMs: Date.now() - startedAt }, 'Pilotline is ready');
    process.stdout.write(
      `\nPilotline is running at http://localhost:${port}/ (API at /graphql; ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n\n`,
    );

    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      const forceExit = setTimeout(() => {
        logger.warn('in-flight requests did not finish in time; closing anyway');
        server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      server.close(async () => {
        clearTimeout(forceExit);
        await pilotline.close();
        await dispatcher.stop();
        await search.stop();
        await mailer.close?.();
        await disconnectDatabase();
        await database.stop();
        logger.info('stopped');
        process.exit(0);
      });
      server.closeIdleConnections();
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  } catch (error) {
    await database.stop();
    throw error;
  }
}

/**
 * Runs the Pilotline server process until SIGTERM or SIGINT. `server/src/main.ts` (production)
 * connects to MONGODB_URI; `server/dev/start.ts` (`npm start`) passes a local database instead.
 */
export function runServer(start: ServerStart = { openDatabase: configuredDatabase }): void {
  serve(start).catch((error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DatabaseServerError || error instanceof DatabaseUnavailableError;
    process.stderr.write(`\nPilotline could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}
