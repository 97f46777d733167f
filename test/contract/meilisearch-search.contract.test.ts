import { MeilisearchSearchEngine } from '../../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import { SearchUnavailableError } from '../../server/src/search/search-engine';
import { describeSearchEngineContract } from './search-engine.contract';

// Tests read the environment directly: the server's config module is for the server's settings.
const host = process.env.MEILI_HOST;
const masterKey = process.env.MEILI_MASTER_KEY;

// Without a server the contract is reported as skipped, never counted as passed.
(host ? describe : describe.skip)('against a Meilisearch server (MEILI_HOST)', () => {
  describeSearchEngineContract('meilisearch', async () => ({
    engine: new MeilisearchSearchEngine({ host: host!, ...(masterKey ? { adminKey: masterKey } : {}) }),
  }));
});

describe('MeilisearchSearchEngine without a server', () => {
  // Port 9 (discard) is closed on test machines, so requests fail fast at connect.
  const engine = new MeilisearchSearchEngine({ host: 'http://127.0.0.1:9', adminKey: 'unused', requestTimeoutMs: 2000 });

  it('raises SearchUnavailableError with code SEARCH_UNAVAILABLE', async () => {
    const failure = engine.search('challenges', { query: 'police' });
    await expect(failure).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(failure).rejects.toMatchObject({ code: 'SEARCH_UNAVAILABLE' });
  });

  it('reports unhealthy instead of throwing', async () => {
    expect(await engine.health()).toMatchObject({ ok: false, engine: 'meilisearch' });
  });

  it('refuses writes when it has only a search key', async () => {
    const readOnly = new MeilisearchSearchEngine({ host: 'http://127.0.0.1:9', searchKey: 'search-only' });
    await expect(readOnly.deleteDocuments('challenges', ['a'])).rejects.toThrow(/admin key/);
  });
});
