import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { defineIndexSettings } from '../../server/src/search/search-engine';
import { buildChallengeDocument, describeSearchEngineContract } from './search-engine.contract';

describeSearchEngineContract('embedded', async () => ({ engine: new EmbeddedSearchEngine() }));

describe('EmbeddedSearchEngine snapshots', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'pilotline-search-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('survives a restart through persistTo and restore', async () => {
    const file = path.join(directory, 'search', 'snapshot.json');
    const settings = defineIndexSettings({ searchableAttributes: ['title'], filterableAttributes: ['status'] });
    const before = new EmbeddedSearchEngine();
    await before.ensureIndex('challenges', settings);
    await before.upsertDocuments('challenges', [
      buildChallengeDocument({ id: 'a', title: 'Police radio modernisation' }),
      buildChallengeDocument({ id: 'b', title: 'Flood sensors', status: 'CLOSED' }),
    ]);
    await before.persistTo(file);

    const after = await EmbeddedSearchEngine.restore(file);
    const response = await after.search('challenges', { query: 'polise', filter: { op: 'eq', field: 'status', value: 'OPEN' } });
    expect(response.hits.map((hit) => hit.id)).toEqual(['a']);
  });

  it('starts empty when no snapshot exists yet', async () => {
    const engine = await EmbeddedSearchEngine.restore(path.join(directory, 'missing.json'));
    await expect(engine.search('challenges', { query: 'x' })).rejects.toThrow(/does not exist/);
  });
});
