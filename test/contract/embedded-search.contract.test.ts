import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { describeSearchEngineContract } from './search-engine.contract';

describeSearchEngineContract('embedded', async () => ({ engine: new EmbeddedSearchEngine() }));
