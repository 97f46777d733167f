import path from 'node:path';
import type { OpenDatabase } from '../src/db/with-database';
import { startLocalMongo } from './local-mongo';

/**
 * MONGODB_URI when it is set, else our own mongo-java-server on the H2 file under DATA_DIR, which
 * `npm start`, `npm run seed` and `npm run reindex` share. The server listens on LOCAL_MONGO_PORT;
 * one-off commands take any free port (`anyPort`), so a port clash never hides the real problem.
 */
export const localDatabaseUnlessConfigured = ({ anyPort = false } = {}): OpenDatabase => async (config, logger) => {
  if (config.mongo.uri) return { uri: config.mongo.uri, stop: async () => undefined };
  const dataFile = path.join(config.dataDir, 'mongo', 'pilotline.mv');
  const port = anyPort ? 0 : config.mongo.localPort;
  logger.info({ dataFile, port }, 'MONGODB_URI not set: starting the local MongoDB-compatible server');
  return startLocalMongo({
    backend: 'h2',
    dataFile,
    host: '127.0.0.1',
    port,
    onLog: (line) => logger.debug({ component: 'local-mongo' }, line),
  });
};
