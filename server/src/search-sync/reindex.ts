import { loadConfig } from '../config/config';
import { createLogger } from '../shared/logger';
import { configuredDatabase, withDatabase, type OpenDatabase } from '../db/with-database';
import type { SearchEngine } from '../search/search-engine';
import { createSearchEngine } from './create-search-engine';
import { createEmbedder } from './create-embedder';
import { DocumentVectors, withVectorSettings } from './document-vectors';
import { measureDrift, rebuildIndex, repairDrift, type Drift } from './drift';
import { SearchIndexer } from './indexer';
import type { SearchSource } from './search-source';
import { progressBar as bar } from '../shared/progress-bar';

function describe(drift: Drift): string {
  return `${drift.index.padEnd(14)} ${drift.missing.length} missing, ${drift.stale.length} stale, ${drift.orphaned.length} orphaned`;
}

/**
 * Reports drift, repairs it, and reports again. With Meilisearch the repair re-marks records and
 * drains them under leases, side by side with any running workers. An embedded index built by
 * this command is private to it, so it is repaired directly: clearing markers here would hide
 * changes from the running server's own indexer.
 */
async function checkAndRepair(
  searchSources: SearchSource[],
  engine: SearchEngine,
  indexer: SearchIndexer | undefined,
  vectors: DocumentVectors | undefined,
): Promise<void> {
  const before = [];
  for (const source of searchSources) before.push(await measureDrift(engine, source));
  for (const drift of before) console.log(`before: ${describe(drift)}`);
  for (const [index, source] of searchSources.entries()) {
    const drift = before[index]!;
    if (indexer) await repairDrift(engine, source, drift);
    else {
      await rebuildIndex(engine, source, source.index, undefined, vectors);
      if (drift.orphaned.length > 0) await engine.deleteDocuments(source.index, drift.orphaned);
    }
  }
  await indexer?.drain(10 * 60_000);
  for (const source of searchSources) console.log(`after:  ${describe(await measureDrift(engine, source))}`);
}

/**
 * `npm run reindex` rebuilds every index into a fresh one and swaps it in, so searches never see
 * a half-built index, then repairs whatever was written during the rebuild;
 * `npm run reindex -- --check` reports drift from the database and repairs it.
 */
async function reindex(sources: SearchSource[], openDatabase: OpenDatabase): Promise<void> {
  const checkOnly = process.argv.includes('--check');
  const config = loadConfig();
  const logger = createLogger('warn');
  const embedded = config.search.driver === 'embedded';
  if (embedded) {
    console.log(
      'SEARCH_DRIVER is embedded: that index lives inside the running server, which rebuilds it from the database at every start.\n' +
        'This run builds a private embedded index from the same database, to check the rebuild and the drift check end to end.',
    );
  }
  await withDatabase(config, logger, async () => {
    const engine = await createSearchEngine(config);
    // Vectors come from the database cache; only texts never embedded under this model are embedded again.
    const { embedder } = await createEmbedder(config, logger);
    const vectors = embedder && new DocumentVectors(embedder);
    const searchSources = withVectorSettings(sources, embedder);
    const indexer = embedded
      ? undefined
      : new SearchIndexer(engine, sources, { logger, owner: 'reindex-cli', leaseMs: config.search.leaseMs, ...(embedder ? { embedder } : {}) });
    try {
      await rebuildOrCheck(searchSources, engine, indexer, vectors, checkOnly, embedded);
    } finally {
      await embedder?.close();
    }
  }, openDatabase);
}

async function rebuildOrCheck(
  searchSources: SearchSource[],
  engine: SearchEngine,
  indexer: SearchIndexer | undefined,
  vectors: DocumentVectors | undefined,
  checkOnly: boolean,
  embedded: boolean,
): Promise<void> {
  if (checkOnly) {
    if (embedded) for (const source of searchSources) await rebuildIndex(engine, source, source.index, bar(source.index), vectors);
    await checkAndRepair(searchSources, engine, indexer, vectors);
    return;
  }
  for (const source of searchSources) {
    const fresh = `${source.index}_rebuild_${Date.now()}`;
    const count = await rebuildIndex(engine, source, fresh, bar(source.index), vectors);
    await engine.ensureIndex(source.index, source.settings);
    await engine.swapIndexes(source.index, fresh);
    await engine.deleteIndex(fresh);
    console.log(`  ${source.index}: ${count} documents rebuilt and swapped in`);
  }
  // Records written while their batch was already copied went to the old index: catch them up.
  await checkAndRepair(searchSources, engine, indexer, vectors);
}

/** Runs the command over `searchSources` (the composition root's registry) and exits non-zero on failure. */
export function runReindex(searchSources: SearchSource[], openDatabase: OpenDatabase = configuredDatabase): void {
  reindex(searchSources, openDatabase).catch((error: unknown) => {
    console.error(`Reindex failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
