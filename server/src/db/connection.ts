import mongoose from 'mongoose';
import type { Logger } from '../shared/logger';

/**
 * Query hardening for every model: filters cannot smuggle MongoDB operators from user input
 * (`sanitizeFilter`) and unknown filter paths fail loudly instead of matching everything.
 */
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

/** Raised when the database cannot be reached in time; its message says what was tried. */
export class DatabaseUnavailableError extends Error {
  constructor(uri: string, cause: unknown) {
    super(`Could not reach MongoDB at ${redactUri(uri)}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}

/**
 * Connects mongoose and waits until the server answers, retrying for `waitMs`, then builds
 * every model's indexes: unique indexes enforce invariants, so they must exist before writes.
 */
export async function connectDatabase(
  uri: string,
  dbName: string,
  logger: Logger,
  waitMs = 30_000,
): Promise<typeof mongoose> {
  const deadline = Date.now() + waitMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: Math.min(5000, Math.max(500, deadline - Date.now())) });
      await mongoose.connection.db?.admin().ping();
      await Promise.all(Object.values(mongoose.models).map((model) => model.createIndexes()));
      logger.info({ db: dbName }, 'database connected');
      return mongoose;
    } catch (error) {
      lastError = error;
      await mongoose.disconnect().catch(() => undefined);
      logger.warn({ err: error }, 'database not answering yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new DatabaseUnavailableError(uri, lastError);
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}
