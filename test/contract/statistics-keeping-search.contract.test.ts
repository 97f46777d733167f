import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { StatisticsKeepingEngine } from '../../server/src/search/statistics-keeping-engine';
import { describeSearchEngineContract } from './search-engine.contract';
import { describeVectorSearchContract } from './vector-search.contract';

// The app serves every search through this wrapper, so it must keep the engine's whole contract.
describeSearchEngineContract('statistics-keeping (embedded)', async () => ({ engine: new StatisticsKeepingEngine(new EmbeddedSearchEngine()) }));
describeVectorSearchContract('statistics-keeping (embedded)', async () => ({ engine: new StatisticsKeepingEngine(new EmbeddedSearchEngine()) }));
