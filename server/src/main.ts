import path from 'node:path';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config/config';
import { createLogger, type Logger } from './shared/logger';
import { connectDatabase, DatabaseUnavailableError, disconnectDatabase } from './db/connection';
import { LocalMongoError, startLocalMongo, type LocalMongo } from './db/local-mongo';
import { createMailer } from './mail/create-mailer';
import { createApp } from './app';
import { SearchRuntime } from './search-sync/search-runtime';
import { createSearchEngine } from './search-sync/create-search-engine';
import { createEmbedder } from './search-sync/create-embedder';
import { searchSources } from './search-sync/search-sources';
import { isDatabaseEmpty, seedDemo } from '../../seeds/seed-demo';

const SHUTDOWN_GRACE_MS = 10_000;

/** The database URI to use: MONGODB_URI when set, else our own mongo-java-server on an H2 file. */
async function resolveDatabase(config: Config, logger: Logger): Promise<{ uri: string; localMongo?: LocalMongo }> {
  if (config.mongo.uri) return { uri: config.mongo.uri };
  const dataFile = path.join(config.dataDir, 'mongo', 'pilotline.mv');
  logger.info({ dataFile, port: config.mongo.localPort }, 'MONGODB_URI not set: starting the local MongoDB-compatible server');
  const localMongo = await startLocalMongo({
    backend: 'h2',
    dataFile,
    host: '127.0.0.1',
    port: config.mongo.localPort,
    onLog: (line) => logger.debug({ component: 'local-mongo' }, line),
  });
  return { uri: localMongo.uri, localMongo };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const { uri, localMongo } = await resolveDatabase(config, logger);
  try {
    await connectDatabase(uri, config.mongo.dbName, logger, config.mongo.waitMs);
    if (config.seedOnEmpty && (await isDatabaseEmpty())) {
      logger.info('empty database: loading the demo data');
      await seedDemo({ log: (message) => logger.info(message) });
    }
    const mailer = createMailer(config, logger);
    const search = new SearchRuntime(await createSearchEngine(config), searchSources, logger, {
      leaseMs: config.search.leaseMs,
      reconcileEveryMs: config.search.reconcileEveryMs,
      ...(await createEmbedder(config, logger)),
    });
    await search.start({ rebuildFromDatabase: config.search.driver === 'embedded', runIndexer: config.search.inProcessIndexer });
    const pilotline = await createApp({ config, logger, mailer, search });
    const { createServer } = await import('node:http');
    const server = createServer(pilotline.app);
    await listen(server, config.port, config.host).catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'EADDRINUSE' ? `Port ${config.port} is already in use; set PORT to another port.` : error.message);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, readyInMs: Date.now() - startedAt }, 'Pilotline is ready');
    process.stdout.write(`\nPilotline is running at http://localhost:${port}/graphql (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n\n`);

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
        await search.stop();
        await disconnectDatabase();
        await localMongo?.stop();
        logger.info('stopped');
        process.exit(0);
      });
      server.closeIdleConnections();
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  } catch (error) {
    await localMongo?.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof LocalMongoError || error instanceof DatabaseUnavailableError;
  process.stderr.write(`\nPilotline could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
