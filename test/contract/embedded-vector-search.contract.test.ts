import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { describeVectorSearchContract } from './vector-search.contract';

describeVectorSearchContract('embedded', async () => ({ engine: new EmbeddedSearchEngine() }));
