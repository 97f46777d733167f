import { runReindex } from './search-sync/reindex';
import { searchSources } from './search-sources';

// `node dist/server/src/reindex-cli.js [--check]` in production, against MONGODB_URI.
runReindex(searchSources);
