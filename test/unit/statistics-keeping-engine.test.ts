import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { CorpusStatistics, profileText } from '../../server/src/search/lexical-relevance';
import { defineIndexSettings, type SearchDocument } from '../../server/src/search/search-engine';
import { StatisticsKeepingEngine } from '../../server/src/search/statistics-keeping-engine';

const SETTINGS = defineIndexSettings({ searchableAttributes: ['title', 'tags'] });
const TERMS = ['flood', 'sensor', 'river', 'council', 'radio', 'polic', 'warn'];

function doc(id: string, title: string, tags: string[] = []): SearchDocument {
  return { id, title, tags, version: 1 };
}

/** The statistics a fresh count over exactly these documents gives. */
function countedFrom(documents: SearchDocument[]): CorpusStatistics {
  const statistics = new CorpusStatistics();
  for (const document of documents) statistics.add(profileText([String(document.title), (document.tags as string[]).join(' ')]));
  return statistics;
}

function expectSameStatistics(kept: CorpusStatistics | undefined, expected: CorpusStatistics): void {
  expect(kept?.size).toBe(expected.size);
  expect(kept?.averageLength).toBeCloseTo(expected.averageLength, 10);
  for (const term of TERMS) expect([term, kept?.documentsWith(term)]).toEqual([term, expected.documentsWith(term)]);
}

describe('StatisticsKeepingEngine', () => {
  it('keeps the counts a fresh count gives, through inserts, replacements, repeats in one batch and deletes', async () => {
    const engine = new StatisticsKeepingEngine(new EmbeddedSearchEngine());
    await engine.ensureIndex('docs', SETTINGS);
    await engine.upsertDocuments('docs', [doc('a', 'Flood warning sensors', ['river']), doc('b', 'Police radio'), doc('c', 'Council flood maps')]);
    await engine.upsertDocuments('docs', [doc('b', 'River sensors for the council'), doc('d', 'Radio'), doc('d', 'Police radio handsets')]);
    await engine.deleteDocuments('docs', ['c', 'missing']);

    expectSameStatistics(
      engine.corpusOf('docs')?.statistics,
      countedFrom([doc('a', 'Flood warning sensors', ['river']), doc('b', 'River sensors for the council'), doc('d', 'Police radio handsets')]),
    );
  });

  it('seeds the counts from what a persistent index already holds, and follows a swap and a delete', async () => {
    const inner = new EmbeddedSearchEngine();
    await inner.ensureIndex('live', SETTINGS);
    await inner.upsertDocuments('live', [doc('a', 'Flood sensors'), doc('b', 'Police radio')]);
    const engine = new StatisticsKeepingEngine(inner);
    await engine.ensureIndex('live', SETTINGS);
    expectSameStatistics(engine.corpusOf('live')?.statistics, countedFrom([doc('a', 'Flood sensors'), doc('b', 'Police radio')]));

    await engine.ensureIndex('shadow', SETTINGS);
    await engine.upsertDocuments('shadow', [doc('c', 'River flood warnings')]);
    await engine.swapIndexes('live', 'shadow');
    expectSameStatistics(engine.corpusOf('live')?.statistics, countedFrom([doc('c', 'River flood warnings')]));
    await engine.deleteIndex('shadow');
    expect(engine.corpusOf('shadow')).toBeUndefined();
  });
});

/** An embedded engine that counts the document reads reaching it. */
function countingEngine() {
  const inner = new EmbeddedSearchEngine();
  let reads = 0;
  const getDocuments = inner.getDocuments.bind(inner);
  inner.getDocuments = (index, ids) => {
    reads += 1;
    return getDocuments(index, ids);
  };
  return { inner, reads: () => reads };
}

describe('StatisticsKeepingEngine with other writers', () => {
  it('takes replaced documents from the read just before the write, but not from a read a write overtook', async () => {
    const { inner, reads } = countingEngine();
    const engine = new StatisticsKeepingEngine(inner);
    await engine.ensureIndex('docs', SETTINGS);
    await engine.upsertDocuments('docs', [doc('a', 'Flood sensors'), doc('b', 'Police radio')]);

    // As the indexer does: read the engine's copies, then write the newer ones (and one it had never seen).
    const before = reads();
    await engine.getDocuments('docs', ['a', 'b', 'c']);
    await engine.upsertDocuments('docs', [doc('a', 'River flood warnings'), doc('c', 'Council radio')]);
    expect(reads() - before).toBe(1);

    await engine.getDocuments('docs', ['b']);
    await engine.upsertDocuments('docs', [doc('b', 'Police radio handsets')]);
    await engine.upsertDocuments('docs', [doc('b', 'Sensors for the council')]);
    expectSameStatistics(
      engine.corpusOf('docs')?.statistics,
      countedFrom([doc('a', 'River flood warnings'), doc('b', 'Sensors for the council'), doc('c', 'Council radio')]),
    );
  });

  it('recounts from the engine what another process wrote', async () => {
    const shared = new EmbeddedSearchEngine();
    const app = new StatisticsKeepingEngine(shared);
    const indexer = new StatisticsKeepingEngine(shared);
    await app.ensureIndex('docs', SETTINGS);
    await indexer.ensureIndex('docs', SETTINGS);
    await indexer.upsertDocuments('docs', [doc('a', 'Flood warning sensors', ['river']), doc('b', 'Police radio')]);
    await indexer.deleteDocuments('docs', ['b']);
    await indexer.upsertDocuments('docs', [doc('c', 'Council flood maps')]);
    expect(app.corpusOf('docs')?.statistics.size).toBe(0);

    await app.refreshStatistics();
    expectSameStatistics(app.corpusOf('docs')?.statistics, countedFrom([doc('a', 'Flood warning sensors', ['river']), doc('c', 'Council flood maps')]));
  });
});
