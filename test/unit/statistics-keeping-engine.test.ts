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
