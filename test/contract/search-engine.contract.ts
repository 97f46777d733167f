import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ENGLISH_STOP_WORDS } from '../../server/src/search/english-stop-words';
import { f, type Filter } from '../../server/src/search/filter';
import { defineIndexSettings, type IndexSettings, type SearchDocument, type SearchEngine } from '../../server/src/search/search-engine';
import { challengeSearchSource } from '../../server/src/challenges/challenge.search';
import { filterArbitraryOver, filterDocumentArbitrary, nastyString, referenceMatches } from '../testkit/filter-arbitraries';

/** A document shaped like an indexed challenge, with overrides for the case at hand. */
function buildChallengeDocument(overrides: Partial<SearchDocument> & { id: string }): SearchDocument {
  return { title: 'Untitled challenge', summary: '', status: 'OPEN', sectors: [], region: 'London', version: 1, ...overrides };
}

const CHALLENGES: SearchDocument[] = [
  buildChallengeDocument({
    id: 'c1',
    title: 'Police radio modernisation',
    summary: 'Replace ageing police radios with secure digital handsets',
    sectors: ['DEFENCE', 'JUSTICE'],
    budget: 50000,
  }),
  buildChallengeDocument({
    id: 'c2',
    title: 'Hospital discharge delays',
    summary: 'Reduce delays in hospital discharge with startup tools',
    sectors: ['HEALTH'],
    budget: 120000,
    region: 'Wales',
    closedAt: null,
  }),
  buildChallengeDocument({
    id: 'c3',
    title: 'Flood warning sensors',
    summary: 'Low-cost river sensors for council flood warnings',
    status: 'CLOSED',
    sectors: ['ENVIRONMENT'],
    budget: 20000,
    region: 'Scotland',
    version: 2,
  }),
  buildChallengeDocument({
    id: 'c4',
    title: 'Council tax chatbot',
    summary: 'An assistant answering council tax questions',
    status: 'DRAFT',
    region: 'Wales',
  }),
  buildChallengeDocument({
    id: 'c5',
    title: 'School meals logistics',
    summary: 'Route planning for school meal deliveries',
    sectors: ['EDUCATION', 'TRANSPORT'],
    budget: 75000,
    region: 'Northern Ireland',
    version: 3,
  }),
  buildChallengeDocument({
    id: 'c6',
    title: 'Kennel heating for police dogs',
    summary: 'Energy-efficient heating',
    status: 'CLOSED',
    sectors: ['JUSTICE', 'ENVIRONMENT'],
    budget: 15000,
  }),
];

const SEED_DIRECTORY = path.join(__dirname, '..', '..', 'seeds', 'data');
/** The demo's open challenges as the challenge index holds their text, keyed by seed key. */
const DEMO_CHALLENGES: SearchDocument[] = readdirSync(SEED_DIRECTORY)
  .filter((file) => file.startsWith('challenges-'))
  .flatMap((file) => JSON.parse(readFileSync(path.join(SEED_DIRECTORY, file), 'utf8')) as Array<Record<string, unknown>>)
  .filter((challenge) => challenge.status === 'OPEN')
  .map(({ key, title, summary, what, why, how, tags }) => ({ id: String(key), title, summary, what, why, how, tags, status: 'OPEN' }));

const SETTINGS = defineIndexSettings({
  searchableAttributes: ['title', 'summary'],
  filterableAttributes: ['status', 'sectors', 'budget', 'region', 'closedAt'],
  sortableAttributes: ['budget'],
  synonyms: { sme: ['startup'], startup: ['sme'] },
  stopWords: [...ENGLISH_STOP_WORDS],
});

/** What each adapter's test file provides: a fresh engine, and how to release it. */
export interface ContractSubject {
  engine: SearchEngine;
  close?: () => Promise<void>;
}

/**
 * The behaviour every SearchEngine adapter must share. Each test uses its own index names,
 * so the suite can run against a shared Meilisearch server.
 */
export function describeSearchEngineContract(adapterName: string, createSubject: () => Promise<ContractSubject>): void {
  describe(`SearchEngine contract: ${adapterName}`, () => {
    let subject: ContractSubject;
    let engine: SearchEngine;
    let created: string[];

    const newIndex = async (documents: SearchDocument[] = CHALLENGES, settings: IndexSettings = SETTINGS): Promise<string> => {
      const name = `contract_${randomUUID().replaceAll('-', '')}`;
      created.push(name);
      await engine.ensureIndex(name, settings);
      await engine.upsertDocuments(name, documents);
      return name;
    };
    const idsFor = async (index: string, query: string, filter?: Filter): Promise<string[]> => {
      const response = await engine.search(index, { query, limit: 100, ...(filter ? { filter } : {}) });
      return response.hits.map((hit) => hit.id);
    };
    const sortedIdsFor = async (index: string, query: string, filter?: Filter) => (await idsFor(index, query, filter)).sort();

    beforeAll(async () => {
      subject = await createSubject();
      engine = subject.engine;
    });
    afterAll(async () => {
      await subject.close?.();
    });
    beforeEach(() => {
      created = [];
    });
    afterEach(async () => {
      for (const name of created) await engine.deleteIndex(name);
    });

    it('reports healthy', async () => {
      expect((await engine.health()).ok).toBe(true);
    });

    it('finds upserted documents and returns them whole', async () => {
      const index = await newIndex();
      const response = await engine.search(index, { query: 'hospital discharge' });
      expect(response.hits[0]?.id).toBe('c2');
      expect(response.hits[0]?.document).toMatchObject({ id: 'c2', region: 'Wales', sectors: ['HEALTH'] });
      expect(typeof response.processingTimeMs).toBe('number');
    });

    it('replaces a document wholly on upsert', async () => {
      const index = await newIndex();
      await engine.upsertDocuments(index, [{ id: 'c1', title: 'Police horses', status: 'OPEN', version: 2 }]);
      expect(await idsFor(index, 'radios')).not.toContain('c1');
      expect(await idsFor(index, 'horses')).toEqual(['c1']);
      const [stored] = await engine.getDocuments(index, ['c1']);
      expect(stored).toEqual({ id: 'c1', title: 'Police horses', status: 'OPEN', version: 2 });
    });

    it('forgets a replaced or deleted document in filters and facet counts', async () => {
      const index = await newIndex();
      await engine.upsertDocuments(index, [{ ...CHALLENGES[0]!, sectors: ['HEALTH', 'HEALTH'], region: 'Wales', version: 2 }]);
      await engine.deleteDocuments(index, ['c6']);
      expect(await sortedIdsFor(index, '', f.in('sectors', ['JUSTICE', 'DEFENCE']))).toEqual([]);
      expect(await sortedIdsFor(index, 'police', f.eq('region', 'Wales'))).toEqual(['c1']);
      const response = await engine.search(index, { query: '', facets: ['sectors', 'region'] });
      expect(response.facetDistribution.sectors).toEqual({ EDUCATION: 1, ENVIRONMENT: 1, HEALTH: 2, TRANSPORT: 1 });
      expect(response.facetDistribution.region).toEqual({ 'Northern Ireland': 1, Scotland: 1, Wales: 3 });
    });

    it('filters and counts facets exactly over thousands of documents, after replacements and deletions', async () => {
      const sectorsOf = (n: number) => (n % 3 === 0 ? ['HEALTH', 'HOUSING'] : n % 3 === 1 ? ['HEALTH'] : ['TRANSPORT']);
      const many = Array.from({ length: 3000 }, (_, n) =>
        buildChallengeDocument({ id: `m${n}`, title: n % 2 === 0 ? 'Bus route sensors' : 'Ward sensors', sectors: sectorsOf(n), budget: n % 9 }),
      );
      const index = await newIndex(many);
      const replaced: SearchDocument[] = many.filter((_, n) => n % 10 === 0).map((document) => ({ ...document, sectors: ['EDUCATION'], budget: 100 }));
      await engine.upsertDocuments(index, replaced);
      await engine.deleteDocuments(index, many.filter((_, n) => n % 10 === 5).map(({ id }) => String(id)));
      const expected = many
        .map((document, n) => (n % 10 === 0 ? replaced[n / 10]! : document))
        .filter((_, n) => n % 10 !== 5);
      const bus = expected.filter((document) => String(document.title).startsWith('Bus'));
      const facetCounts = (documents: SearchDocument[]) => {
        const counts: Record<string, number> = {};
        for (const sector of documents.flatMap((document) => document.sectors as string[])) counts[sector] = (counts[sector] ?? 0) + 1;
        return counts;
      };

      const response = await engine.search(index, { query: 'bus', limit: 1, facets: ['sectors'], filter: f.gte('budget', 4) });
      const busInBudget = bus.filter((document) => (document.budget as number) >= 4);
      expect(response.estimatedTotalHits).toBe(busInBudget.length);
      expect(response.facetDistribution.sectors).toEqual(facetCounts(busInBudget));
      // Most documents are in HEALTH; Meilisearch counts totals exactly only up to 1000, so the query keeps the hits below that.
      const health = await engine.search(index, { query: 'bus', limit: 1, facets: ['sectors'], filter: f.in('sectors', ['HEALTH']) });
      const expectedHealth = bus.filter((document) => (document.sectors as string[]).includes('HEALTH'));
      expect(health.estimatedTotalHits).toBe(expectedHealth.length);
      expect(health.facetDistribution.sectors).toEqual(facetCounts(expectedHealth));
    });

    it('deletes documents by id', async () => {
      const index = await newIndex();
      await engine.deleteDocuments(index, ['c3', 'no-such-id']);
      expect(await idsFor(index, 'flood')).toEqual([]);
      expect(await engine.getDocuments(index, ['c3', 'c4'])).toEqual([expect.objectContaining({ id: 'c4' })]);
    });

    it('lists every id with its version for drift checks', async () => {
      const index = await newIndex();
      const versions: Array<{ id: string; version: unknown }> = [];
      for await (const entry of engine.iterateVersions(index, 'version')) versions.push(entry);
      expect(versions.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 'c1', version: 1 },
        { id: 'c2', version: 1 },
        { id: 'c3', version: 2 },
        { id: 'c4', version: 1 },
        { id: 'c5', version: 3 },
        { id: 'c6', version: 1 },
      ]);
    });

    it.each<[string, Filter, string[]]>([
      ['=', f.eq('status', 'OPEN'), ['c1', 'c2', 'c5']],
      ['= on an array field', f.eq('sectors', 'JUSTICE'), ['c1', 'c6']],
      ['!=', f.ne('status', 'OPEN'), ['c3', 'c4', 'c6']],
      ['>', f.gt('budget', 50000), ['c2', 'c5']],
      ['>=', f.gte('budget', 50000), ['c1', 'c2', 'c5']],
      ['<', f.lt('budget', 20000), ['c6']],
      ['<=', f.lte('budget', 20000), ['c3', 'c6']],
      ['IN', f.in('sectors', ['HEALTH', 'TRANSPORT']), ['c2', 'c5']],
      ['NOT', f.not(f.in('sectors', ['JUSTICE'])), ['c2', 'c3', 'c4', 'c5']],
      ['AND', f.and(f.eq('status', 'OPEN'), f.eq('region', 'London')), ['c1']],
      ['OR', f.or(f.eq('status', 'DRAFT'), f.gt('budget', 100000)), ['c2', 'c4']],
      ['EXISTS on a scalar', f.exists('budget'), ['c1', 'c2', 'c3', 'c5', 'c6']],
      ['EXISTS on a null field', f.exists('closedAt'), ['c2']],
      ['EXISTS on an empty array', f.exists('sectors'), ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']],
      ['NOT EXISTS', f.not(f.exists('budget')), ['c4']],
    ])('filters with %s', async (_operator, filter, expected) => {
      const index = await newIndex();
      expect(await sortedIdsFor(index, '', filter)).toEqual(expected);
    });

    it('filters a text query', async () => {
      const index = await newIndex();
      expect(await sortedIdsFor(index, 'police', f.eq('status', 'CLOSED'))).toEqual(['c6']);
    });

    it('rejects filters, facets and sorts on undeclared attributes', async () => {
      const index = await newIndex();
      await expect(engine.search(index, { query: '', filter: f.eq('title', 'x') })).rejects.toThrow();
      await expect(engine.search(index, { query: '', facets: ['title'] })).rejects.toThrow();
      await expect(engine.search(index, { query: '', sort: [{ field: 'region', direction: 'asc' }] })).rejects.toThrow();
    });

    it('counts facets over the filtered result set', async () => {
      const index = await newIndex();
      const response = await engine.search(index, { query: '', filter: f.eq('status', 'OPEN'), facets: ['sectors', 'region'] });
      expect(response.facetDistribution).toEqual({
        sectors: { DEFENCE: 1, EDUCATION: 1, HEALTH: 1, JUSTICE: 1, TRANSPORT: 1 },
        region: { London: 1, 'Northern Ireland': 1, Wales: 1 },
      });
      expect(response.estimatedTotalHits).toBe(3);
    });

    it('sorts by a field, documents without it last', async () => {
      const index = await newIndex();
      const ascending = await engine.search(index, { query: '', sort: [{ field: 'budget', direction: 'asc' }], limit: 10 });
      expect(ascending.hits.map((hit) => hit.id)).toEqual(['c6', 'c3', 'c1', 'c5', 'c2', 'c4']);
      const descending = await engine.search(index, { query: '', sort: [{ field: 'budget', direction: 'desc' }], limit: 10 });
      expect(descending.hits.map((hit) => hit.id)).toEqual(['c2', 'c5', 'c1', 'c3', 'c6', 'c4']);
    });

    it('paginates with offset and limit without gaps or repeats', async () => {
      const index = await newIndex();
      const pages: string[] = [];
      for (const offset of [0, 2, 4]) {
        const page = await engine.search(index, { query: '', sort: [{ field: 'budget', direction: 'asc' }], offset, limit: 2 });
        expect(page.hits).toHaveLength(2);
        expect(page.estimatedTotalHits).toBe(6);
        pages.push(...page.hits.map((hit) => hit.id));
      }
      expect(pages).toEqual(['c6', 'c3', 'c1', 'c5', 'c2', 'c4']);
    });

    it('tolerates a typo in a longer word', async () => {
      const index = await newIndex();
      const ids = await idsFor(index, 'polise');
      expect(ids).toEqual(expect.arrayContaining(['c1', 'c6']));
      expect(ids).not.toContain('c2');
    });

    it('completes the last word as a prefix while typing', async () => {
      const index = await newIndex();
      expect(await idsFor(index, 'flo')).toContain('c3');
    });

    it('ignores stop words', async () => {
      const index = await newIndex();
      expect(await sortedIdsFor(index, 'the police')).toEqual(await sortedIdsFor(index, 'police'));
    });

    it('applies synonyms', async () => {
      const index = await newIndex();
      expect(await idsFor(index, 'sme')).toEqual(['c2']);
    });

    it('highlights matched words with the requested tags', async () => {
      const index = await newIndex();
      const response = await engine.search(index, {
        query: 'police',
        filter: f.eq('status', 'OPEN'),
        highlight: { fields: ['title', 'summary'], preTag: '<mark>', postTag: '</mark>' },
      });
      expect(response.hits[0]?.highlights?.title).toBe('<mark>Police</mark> radio modernisation');
      expect(response.hits[0]?.highlights?.summary).toContain('<mark>police</mark>');
    });

    it('scores hits in 0..1, best first', async () => {
      const index = await newIndex();
      const response = await engine.search(index, { query: 'police radio' });
      expect(response.hits[0]?.id).toBe('c1');
      const scores = response.hits.map((hit) => hit.score);
      for (const score of scores) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      const policeDogs = response.hits.find((hit) => hit.id === 'c6');
      expect(policeDogs?.score).toBeLessThan(scores[0] ?? 0);
    });

    it('swaps two indexes', async () => {
      const live = await newIndex();
      const rebuilt = await newIndex([buildChallengeDocument({ id: 'n1', title: 'Drone inspections of bridges' })]);
      await engine.swapIndexes(live, rebuilt);
      expect(await idsFor(live, '')).toEqual(['n1']);
      expect(await sortedIdsFor(rebuilt, '')).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    });

    it('handles unicode and filter syntax inside values', async () => {
      const awkwardRegion = 'Ynys Môn "Anglesey" \\ OR status = OPEN';
      const index = await newIndex([
        ...CHALLENGES,
        buildChallengeDocument({ id: 'u1', title: 'Zürich café 🚀 pilot', region: awkwardRegion, sectors: ["it's", 'a"b'] }),
      ]);
      expect(await idsFor(index, '', f.eq('region', awkwardRegion))).toEqual(['u1']);
      expect(await idsFor(index, '', f.in('sectors', ['a"b']))).toEqual(['u1']);
      expect(await idsFor(index, '', f.eq('sectors', "it's"))).toEqual(['u1']);
      expect(await idsFor(index, '', f.eq('status', 'OPEN" OR status = "CLOSED'))).toEqual([]);
      expect(await idsFor(index, 'zürich')).toEqual(['u1']);
    });

    it('filters exactly as the plain reference filter does, whatever unicode, quotes, backslashes and operators the values hold', async () => {
      const documents = fc
        .sample(filterDocumentArbitrary, { numRuns: 40, seed: 2026 })
        .map((document, position) => ({ id: `p${position}`, title: 'property', ...document }));
      const fields = ['status', 'sectors', 'budget', 'org.region'];
      const index = await newIndex(documents, defineIndexSettings({ searchableAttributes: ['title'], filterableAttributes: fields }));
      const stored = documents.flatMap((document) => [document.status, ...(document.sectors ?? []), document.org?.region]);
      // Values taken from the documents make matches common; fresh strings probe the escaping.
      const strings = fc.oneof(fc.constantFrom(...stored.filter((value): value is string => typeof value === 'string')), nastyString);
      await fc.assert(
        fc.asyncProperty(filterArbitraryOver(fields, strings), async (filter) => {
          const expected = documents.filter((document) => referenceMatches(document, filter)).map((document) => document.id);
          expect(await sortedIdsFor(index, '', filter)).toEqual(expected.sort());
        }),
        { numRuns: 150 },
      );
    }, 120_000);

    describe('search as you type', () => {
      const TYPED: SearchDocument[] = [
        buildChallengeDocument({ id: 'p1', title: 'Parking enforcement', summary: 'Wardens and cameras for parking on residential streets' }),
        buildChallengeDocument({ id: 'p2', title: 'Park benches', summary: 'Repairs to the benches in our parks' }),
        buildChallengeDocument({ id: 'a1', title: 'Missed outpatient appointments', summary: 'Patients forget appointments and clinics lose slots' }),
        buildChallengeDocument({ id: 'g1', title: 'Gully sensors', summary: 'Sensors that warn when a road gully blocks' }),
        buildChallengeDocument({ id: 'i1', title: 'Interpreting for police interviews', summary: 'Interpreters are hard to book at night' }),
        buildChallengeDocument({ id: 'r1', title: 'Radio handsets', summary: 'Replace the radio in every patrol car' }),
      ];

      it.each<[string, string, string, string[]]>([
        ['a prefix longer than its word\'s stem ("parkin" of "parking", stem "park")', 'parkin', 'p1', ['p2']],
        ['one typo in a word of 5 to 8 letters', 'parkng', 'p1', ['p2']],
        ['two typos in a word of 9 letters or more', 'apointmnts', 'a1', []],
        ['a typo in the last word while it is still being typed', 'outpatient apointm', 'a1', []],
        ['a plural typed, the singular indexed', 'radios', 'r1', []],
        ['a singular typed mid-query, the plural indexed', 'sensor gully', 'g1', []],
        ['the singular as a prefix of the plural', 'interpreter', 'i1', []],
      ])('matches %s', async (_case, query, expected, notExpected) => {
        const index = await newIndex(TYPED);
        const ids = await idsFor(index, query);
        expect(ids[0]).toBe(expected);
        for (const id of notExpected) expect(ids).not.toContain(id);
      });

      it.each<[string, string]>([
        ['two typos in a word of 5 to 8 letters', 'prkng'],
        ['a typo in a word under 5 letters', 'perk'],
      ])('does not match %s', async (_case, query) => {
        const index = await newIndex(TYPED);
        expect(await idsFor(index, query)).toEqual([]);
      });

      it.each<[string, RegExp | string[]]>([
        ['parkin', /parking/i],
        ['parkng', /parking/i],
        ['appointmnt', /appointment/i],
        ['gp appointment', ['h-gp-access-resident', 'h-gp-8am']],
        ['damp and mould', ['ho-damp-mould-awaab', 'ho-damp-proactive']],
        ['missed bin collections', ['w-missed-bins']],
        ['pothole reports', ['t-pothole-reporting']],
        ['interpreter custody', ['p-custody-interpreting']],
      ])('ranks the demo challenges for "%s" as a user expects', async (query, expected) => {
        const index = await newIndex(DEMO_CHALLENGES, challengeSearchSource.settings);
        const { hits } = await engine.search(index, { query, limit: 10 });
        if (expected instanceof RegExp) {
          expect(hits.length).toBeGreaterThanOrEqual(2);
          expect(`${hits[0]?.document.title} ${hits[0]?.document.summary}`).toMatch(expected);
        } else {
          expect(expected).toContain(hits[0]?.id);
        }
      });
    });
  });
}
