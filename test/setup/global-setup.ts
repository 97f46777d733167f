import { startLocalMongo, type LocalMongo } from '../../server/dev/local-mongo';

/** Where global-teardown finds the server: jest runs globalSetup and globalTeardown in the same process. */
export const LOCAL_MONGO_HANDLE = Symbol.for('pilotline.test.localMongo');

type GlobalWithLocalMongo = typeof globalThis & { [LOCAL_MONGO_HANDLE]?: LocalMongo };

/**
 * Starts one in-memory MongoDB for the whole run and exports its uri as MONGODB_URI, which jest workers inherit;
 * each test file then uses its own database on it. A MONGODB_URI set beforehand (e.g. a real MongoDB) wins.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) return;
  const startedAt = Date.now();
  const localMongo = await startLocalMongo({
    backend: 'memory',
    port: 0,
    onLog: (line) => process.stderr.write(`[local-mongo] ${line}\n`),
  });
  (globalThis as GlobalWithLocalMongo)[LOCAL_MONGO_HANDLE] = localMongo;
  process.env.MONGODB_URI = localMongo.uri;
  if (process.env.LOCAL_MONGO_VERBOSE) {
    process.stderr.write(`[local-mongo] ready at ${localMongo.uri} in ${Date.now() - startedAt} ms\n`);
  }
}
