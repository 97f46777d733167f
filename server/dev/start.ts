import { runServer } from '../src/server';
import { localDatabaseUnlessConfigured } from './local-database';

// `npm start`: the server on a local MongoDB-compatible server unless MONGODB_URI is set.
runServer(localDatabaseUnlessConfigured());
