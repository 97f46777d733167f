import { runServer } from './server';

// The production entry point (`node dist/server/src/main.js`): the database is MONGODB_URI.
runServer();
