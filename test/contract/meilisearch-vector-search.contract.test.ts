import { MeilisearchSearchEngine } from '../../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import { describeVectorSearchContract } from './vector-search.contract';

// Tests read the environment directly: the server's config module is for the server's settings.
const host = process.env.MEILI_HOST;
const masterKey = process.env.MEILI_MASTER_KEY;

if (host) {
  describeVectorSearchContract('meilisearch', async () => ({
    engine: new MeilisearchSearchEngine({ host, ...(masterKey ? { adminKey: masterKey } : {}) }),
  }));
} else {
  describe.skip('SearchEngine vector contract: meilisearch (MEILI_HOST unset)', () => {
    it('runs against a real Meilisearch server', () => undefined);
  });
}
