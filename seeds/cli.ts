import { loadConfig } from '../server/src/config/config';
import { createLogger } from '../server/src/shared/logger';
import { connectDatabase, disconnectDatabase } from '../server/src/db/connection';
import { startLocalMongo } from '../server/src/db/local-mongo';
import { isDatabaseEmpty, seedDemo } from './seed-demo';
import path from 'node:path';

/** `npm run seed`: loads the demo into an empty database (the local one unless MONGODB_URI is set). */
async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const localMongo = config.mongo.uri
    ? undefined
    : await startLocalMongo({ backend: 'h2', dataFile: path.join(config.dataDir, 'mongo', 'pilotline.mv'), port: 0 });
  try {
    await connectDatabase(config.mongo.uri ?? localMongo!.uri, config.mongo.dbName, logger);
    if (!(await isDatabaseEmpty())) {
      console.log('The database already has accounts; seeding only fills an empty database. Delete .data/ to start afresh.');
      return;
    }
    const startedAt = Date.now();
    await seedDemo({ log: (message) => console.log(message) });
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
