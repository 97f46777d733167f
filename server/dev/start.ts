import { runServer } from '../src/server';
import { localDatabaseUnlessConfigured } from './local-database';
import { loadDemoWhenEmpty } from '../../seeds/seed-demo';

// `npm start`: the server on a local MongoDB-compatible server unless MONGODB_URI is set, with the
// demo loaded into an empty database (SEED_ON_EMPTY). Only this development path knows the seeds.
runServer({ openDatabase: localDatabaseUnlessConfigured(), prepareDatabase: loadDemoWhenEmpty });
