import { loadConfig } from '../server/src/config/config';
import { createLogger } from '../server/src/shared/logger';
import { connectDatabase, disconnectDatabase } from '../server/src/db/connection';
import { startLocalMongo } from '../server/src/db/local-mongo';
import { createMailer } from '../server/src/mail/create-mailer';
import { loggingEventSink, systemContext } from '../server/src/context/service-context';
import { isDatabaseEmpty, seedDemo } from './seed-demo';
import path from 'node:path';

/**
 * `npm run seed`: loads the demo into an empty database (the local one unless MONGODB_URI is set).
 * With `--if-empty` (what `npm start` runs first) it stays quiet when the database has accounts or
 * SEED_ON_EMPTY is off, so the server itself never carries the demo.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  const onStart = process.argv.includes('--if-empty');
  if (onStart && !config.seedOnEmpty) return;
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const localMongo = config.mongo.uri
    ? undefined
    : await startLocalMongo({ backend: 'h2', dataFile: path.join(config.dataDir, 'mongo', 'pilotline.mv'), port: 0 });
  try {
    await connectDatabase(config.mongo.uri ?? localMongo!.uri, config.mongo.dbName, logger);
    const system = systemContext({ mailer: createMailer(config, logger), publicUrl: config.publicUrl, events: loggingEventSink(logger), logger });
    if (!(await isDatabaseEmpty(system))) {
      if (!onStart) console.log('The database already has accounts; seeding only fills an empty database. Delete .data/ to start afresh.');
      return;
    }
    const startedAt = Date.now();
    if (onStart) console.log('Empty database: loading the demo data.');
    await seedDemo(system, { log: (message) => console.log(message) });
    console.log(`Seeded in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
  } finally {
    await disconnectDatabase();
    await localMongo?.stop();
  }
}

run().catch((error: unknown) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
