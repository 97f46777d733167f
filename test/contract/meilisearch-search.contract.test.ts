import { MeilisearchSearchEngine } from '../../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import { SearchUnavailableError } from '../../server/src/search/search-engine';
import { describeSearchEngineContract } from './search-engine.contract';
import { describeWithMeilisearch, engineUnderTest } from '../testkit/search-engines';

describeWithMeilisearch('Meilisearch server', () => {
  // Each case creates an index and waits for its tasks in the server's one queue, which other test files share.
  jest.setTimeout(300_000);
  describeSearchEngineContract('meilisearch', async () => {
    const subject = engineUnderTest('meilisearch', 'contract');
    return { engine: subject.engine, close: subject.release };
  });
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
