import { randomUUID } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { MeilisearchSearchEngine } from '../../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import type { SearchEngine } from '../../server/src/search/search-engine';

// Tests read the environment directly: the server's config module is for the server's settings.
/** The Meilisearch server of this test run, when there is one (`.ci/run` starts it). */
export const meilisearchServer = process.env.MEILI_HOST
  ? { host: process.env.MEILI_HOST, masterKey: process.env.MEILI_MASTER_KEY ?? '' }
  : undefined;

/** A Meilisearch write waits for its task: timeouts, leases and hooks stretch by this much against the embedded engine. */
const TIME_SCALE = { embedded: 1, meilisearch: 10 } as const;

/** One engine for one test file, and how to drop whatever it created. */
export interface EngineUnderTest {
  kind: 'embedded' | 'meilisearch';
  engine: SearchEngine;
  /** The server-side name prefix, for child processes (indexer, reindex) that must use the same indexes. */
  indexPrefix: string;
  /** How much longer than the embedded engine's its calls may take (see TIME_SCALE). */
  timeScale: number;
  release(): Promise<void>;
}

/** A fresh engine of the given kind; a Meilisearch one gets index names no other test file uses. */
export function engineUnderTest(kind: EngineUnderTest['kind'], label: string): EngineUnderTest {
  if (kind === 'embedded') return { kind, engine: new EmbeddedSearchEngine(), indexPrefix: '', timeScale: TIME_SCALE.embedded, release: async () => undefined };
  if (!meilisearchServer) throw new Error('MEILI_HOST is not set');
  const { host, masterKey } = meilisearchServer;
  const indexPrefix = `${label.replace(/[^A-Za-z0-9]+/g, '_')}_${randomUUID().slice(0, 8)}_`;
  return {
    kind,
    engine: new MeilisearchSearchEngine({ host, adminKey: masterKey, indexPrefix }),
    indexPrefix,
    timeScale: TIME_SCALE.meilisearch,
    release: () => dropIndexesStartingWith(indexPrefix),
  };
}

async function dropIndexesStartingWith(prefix: string): Promise<void> {
  const { host, masterKey } = meilisearchServer!;
  const client = new Meilisearch({ host, apiKey: masterKey });
  const { results } = await client.getIndexes({ limit: 1000 });
  for (const index of results.filter(({ uid }) => uid.startsWith(prefix))) await client.deleteIndex(index.uid).waitTask();
}

/**
 * Runs `body` once per engine: always on the embedded engine, and on Meilisearch when a server is
 * configured. Without one the Meilisearch half is declared but reported as skipped, never passed.
 */
export function describeEachEngine(label: string, body: (createEngine: () => EngineUnderTest, timeScale: number) => void): void {
  describe(`${label} (embedded engine)`, () => body(() => engineUnderTest('embedded', label), TIME_SCALE.embedded));
  describeWithMeilisearch(`${label} (Meilisearch)`, () => body(() => engineUnderTest('meilisearch', label), TIME_SCALE.meilisearch));
}

/** `describe` when a Meilisearch server is configured, else `describe.skip`, so its tests show as skipped. */
export function describeWithMeilisearch(name: string, body: () => void): void {
  (meilisearchServer ? describe : describe.skip)(name, body);
}
