import type { LocalMongo } from '../../server/dev/local-mongo';
import { LOCAL_MONGO_HANDLE } from './global-setup';

type GlobalWithLocalMongo = typeof globalThis & { [LOCAL_MONGO_HANDLE]?: LocalMongo };

/** Stops the MongoDB that global-setup started, if it started one (not when MONGODB_URI was given). */
export default async function globalTeardown(): Promise<void> {
  const globals = globalThis as GlobalWithLocalMongo;
  const localMongo = globals[LOCAL_MONGO_HANDLE];
  if (!localMongo) return;
  delete globals[LOCAL_MONGO_HANDLE];
  delete process.env.MONGODB_URI;
  await localMongo.stop();
}
