import { DatabaseServerError } from '../src/db/with-database';

/** Why starting the local MongoDB failed, so callers (dev start script, jest setup) can print the right fix. */
export type LocalMongoErrorCode =
  | 'JAVA_MISSING'
  | 'MVN_MISSING'
  | 'BUILD_FAILED'
  | 'INVALID_OPTIONS'
  | 'START_TIMEOUT'
  | 'EXITED_EARLY'
  | 'PORT_IN_USE'
  | 'BIND_FAILED'
  | 'DATA_FILE_UNWRITABLE'
  | 'DATA_FILE_LOCKED'
  | 'DATA_FILE_CORRUPT';

/** Raised by {@link startLocalMongo} and {@link ensureLauncherBuilt}; `code` is stable, the message says what to do. */
export class LocalMongoError extends DatabaseServerError {
  constructor(
    readonly code: LocalMongoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LocalMongoError';
  }
}
