import { runMatchCommand } from '../src/match-command';
import { localDatabaseUnlessConfigured } from './local-database';

// `npm run match -- --all | --learn`: as in production, on the local database unless MONGODB_URI is set.
runMatchCommand(localDatabaseUnlessConfigured({ anyPort: true }));
