import { loadConfig } from '../server/src/config/config';
import { createLogger } from '../server/src/shared/logger';
import { withDatabase } from '../server/src/db/with-database';
import { localDatabaseUnlessConfigured } from '../server/dev/local-database';
import { isDatabaseEmpty, seedDemo } from './seed-demo';
import { seedingContext } from './seed-context';

/** `npm run seed`: loads the demo into an empty database (the local one unless MONGODB_URI is set). */
async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  await withDatabase(
    config,
    logger,
    async () => {
      const system = seedingContext(config, logger);
      if (!(await isDatabaseEmpty(system))) {
        console.log('The database already has accounts; seeding only fills an empty database. Delete .data/ to start afresh.');
        return;
      }
      const startedAt = Date.now();
      await seedDemo(system, { log: (message) => console.log(message) });
      console.log(`Seeded in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
    },
    localDatabaseUnlessConfigured({ anyPort: true }),
  );
}

run().catch((error: unknown) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
