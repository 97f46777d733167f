import { runReindex } from '../src/search-sync/reindex';
import { searchSources } from '../src/search-sources';
import { localDatabaseUnlessConfigured } from './local-database';

// `npm run reindex [-- --check]`: as in production, on the local database unless MONGODB_URI is set.
runReindex(searchSources, localDatabaseUnlessConfigured({ anyPort: true }));
