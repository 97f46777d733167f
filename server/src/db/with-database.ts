import type { Config } from '../config/config';
import type { Logger } from '../shared/logger';
import { connectDatabase, disconnectDatabase } from './connection';

/** A database server some process may have started for us; `stop` ends it (a no-op for one we only connect to). */
export interface DatabaseServer {
  uri: string;
  stop(): Promise<void>;
}

/**
 * Where a process finds its database. Production connects to MONGODB_URI; development and test
 * tooling (server/dev) passes its own, which starts a local server when MONGODB_URI is unset.
 */
export type OpenDatabase = (config: Config, logger: Logger) => Promise<DatabaseServer>;

/** The database server could not be found or started; the message says what to do. */
export class DatabaseServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseServerError';
  }
}

export const configuredDatabase: OpenDatabase = async (config) => {
  if (!config.mongo.uri) {
    throw new DatabaseServerError('MONGODB_URI is not set. In development, `npm start` starts a local MongoDB-compatible server itself.');
  }
  return { uri: config.mongo.uri, stop: async () => undefined };
};

/** Runs `work` connected to the database, then disconnects and stops whatever server `open` started. */
export async function withDatabase<T>(config: Config, logger: Logger, work: () => Promise<T>, open: OpenDatabase = configuredDatabase): Promise<T> {
  const server = await open(config, logger);
  try {
    await connectDatabase(server.uri, config.mongo.dbName, logger, config.mongo.waitMs);
    return await work();
  } finally {
    await disconnectDatabase();
    await server.stop();
  }
}
