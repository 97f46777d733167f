import path from 'node:path';
import { loadConfig } from '../config/config';
import { createLogger } from '../shared/logger';
import { connectDatabase, disconnectDatabase } from '../db/connection';
import { startLocalMongo } from '../db/local-mongo';
import { createSearchEngine } from './create-search-engine';
import { measureDrift, rebuildIndex, repairDrift, type Drift } from './drift';
import { searchSources } from './search-sources';

function bar(label: string) {
  return (done: number, total: number) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `  ${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    process.stdout.write(process.stdout.isTTY ? `\r${line}${done === total ? '\n' : ''}` : done === total ? `${line}\n` : '');
  };
}

function describe(drift: Drift): string {
  return `${drift.index}: ${drift.missing.length} missing, ${drift.stale.length} stale, ${drift.orphaned.length} orphaned`;
}

/**
 * `npm run reindex` rebuilds every index into a fresh one and swaps it in, so searches never see
 * a half-built index; `npm run reindex -- --check` reports drift from the database and repairs it.
 */
async function run(): Promise<void> {
  const checkOnly = process.argv.includes('--check');
  const config = loadConfig();
  const logger = createLogger('warn');
  if (config.search.driver === 'embedded') {
    console.log(
      'SEARCH_DRIVER is embedded: that index lives inside the running server, which rebuilds it from the database at every start.\n' +
        'This run builds a fresh embedded index from the same database to check the rebuild and the drift check end to end.',
    );
  }
  const localMongo = config.mongo.uri
    ? undefined
    : await startLocalMongo({ backend: 'h2', dataFile: path.join(config.dataDir, 'mongo', 'pilotline.mv'), port: 0 });
  try {
    await connectDatabase(config.mongo.uri ?? localMongo!.uri, config.mongo.dbName, logger, config.mongo.waitMs);
    const engine = await createSearchEngine(config);
    if (config.search.driver === 'embedded') {
      for (const source of searchSources) await rebuildIndex(engine, source, source.index, bar(source.index));
    }
    if (checkOnly) {
      for (const source of searchSources) {
        const drift = await measureDrift(engine, source);
        console.log(`before: ${describe(drift)}`);
        await repairDrift(engine, source, drift);
        console.log(`after:  ${describe(await measureDrift(engine, source))}`);
      }
      return;
    }
    for (const source of searchSources) {
      const fresh = `${source.index}_rebuild_${Date.now()}`;
      const count = await rebuildIndex(engine, source, fresh, bar(source.index));
      await engine.ensureIndex(source.index, source.settings);
      await engine.swapIndexes(source.index, fresh);
      await engine.deleteIndex(fresh);
      console.log(`  ${source.index}: ${count} documents rebuilt and swapped in`);
    }
  } finally {
    await disconnectDatabase();
    await localMongo?.stop();
  }
}

run().catch((error: unknown) => {
  console.error(`Reindex failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
