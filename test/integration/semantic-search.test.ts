import crypto from 'node:crypto';
import request from 'supertest';
import { graphql } from '../generated';
import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { MeilisearchSearchEngine } from '../../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import type { SearchEngine } from '../../server/src/search/search-engine';
import { OnnxEmbedder } from '../../server/src/search/embedding/onnx-embedder';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { draftSolution, publishedSolution } from '../testkit/marketplace';
import { describeWithModel, MODEL_DIR } from '../testkit/embedding-model';
import { prefixedSearchEngine } from '../testkit/prefixed-search-engine';

const SearchSolutions = graphql(`
  query SemanticSearchSolutions($input: SearchSolutionsInput!) {
    searchSolutions(input: $input) {
      semantic
      mode
      estimatedTotalHits
      hits {
        score
        highlights {
          field
          snippet
        }
        solution {
          id
          name
        }
      }
    }
  }
`);

const SearchChallenges = graphql(`
  query SemanticSearchChallenges($input: SearchChallengesInput!) {
    searchChallenges(input: $input) {
      semantic
      mode
      hits {
        score
        challenge {
          id
        }
      }
    }
  }
`);

/** The example: the same need in different words, with no word in common. */
const GP_NEED = 'residents cannot get through to book a GP appointment';

// Tests read the environment directly: the server's config module is for the server's settings.
const meiliHost = process.env.MEILI_HOST;
const meiliKey = process.env.MEILI_MASTER_KEY;

const engines: [string, (() => SearchEngine) | null][] = [
  ['embedded', () => new EmbeddedSearchEngine()],
  [
    'meilisearch',
    meiliHost
      ? () => prefixedSearchEngine(new MeilisearchSearchEngine({ host: meiliHost, ...(meiliKey ? { adminKey: meiliKey } : {}) }), `semantic_${crypto.randomUUID().slice(0, 8)}`)
      : null,
  ],
];

for (const [engineName, createEngine] of engines) {
  const describeEngine = createEngine ? describeWithModel : (name: string, body: () => void) => describe.skip(`${name} (MEILI_HOST unset)`, body);

  describeEngine(`semantic and hybrid search through GraphQL: ${engineName}`, () => {
    let app: TestApp;
    let startup: Account;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const embedder = await OnnxEmbedder.load(MODEL_DIR);
      app = await startTestApp({}, { searchEngine: (createEngine as () => SearchEngine)(), embedder });
      const body = await registerOrganisation(app, 'PUBLIC_BODY');
      const staff = await registerStaff(app);
      startup = await registerOrganisation(app, 'STARTUP');
      ids.telephony = (
        await publishedSolution(startup, {
          name: 'CallBridge',
          summary: 'Cloud telephony with call-back for busy phone lines.',
          description: 'Callers hear their place in the queue and may ask to be rung back instead of holding on.',
          tags: ['telephony'],
          capabilities: ['cloud telephony', 'call-back'],
          sectors: ['HEALTH_AND_CARE'],
        })
      ).id;
      ids.damp = (await publishedSolution(startup)).id;
      ids.bins = (
        await publishedSolution(startup, {
          name: 'BinRoute',
          summary: 'Route optimisation for refuse lorries.',
          description: 'Plans bin collection rounds around traffic and missed collections.',
          tags: ['waste'],
          capabilities: ['route optimisation'],
        })
      ).id;
      ids.draft = (
        await draftSolution(startup, {
          name: 'RingBack beta',
          summary: 'Unreleased telephony queue with call-back for doctors surgeries.',
          description: 'Patients wait for a call instead of redialling.',
          capabilities: ['telephony'],
        })
      ).id;
      ids.gpChallenge = (
        await openChallenge(body, staff.session, {
          title: 'Patients jam the surgery switchboard at 8am',
          summary: 'Everyone rings at once to get a doctor and most give up after an hour on hold.',
          what: 'A way to manage the morning rush on our phone lines.',
          why: 'People who give up go to A&E instead.',
          how: 'A twelve-week pilot in three practices.',
          tags: ['primary-care'],
        })
      ).id;
      await app.search!.indexer.drain(120_000);
    }, 180_000);
    afterAll(() => app?.close());

    const searchSolutions = (input: object, account: Account | null = null) =>
      (account ? account.session : app.session()).gqlOk(SearchSolutions, { input: { query: GP_NEED, ...input } });

    it('finds a solution that meets the need in other words, which keyword search misses', async () => {
      const keyword = await searchSolutions({ mode: 'KEYWORD' });
      expect(keyword.searchSolutions).toMatchObject({ semantic: false, mode: 'KEYWORD' });
      expect(keyword.searchSolutions.hits.map((hit) => hit.solution.id)).not.toContain(ids.telephony);
      for (const mode of ['SEMANTIC', 'HYBRID'] as const) {
        const result = await searchSolutions({ mode });
        expect(result.searchSolutions).toMatchObject({ semantic: true, mode });
        expect(result.searchSolutions.hits[0]?.solution.id).toBe(ids.telephony);
      }
    });

    it('uses HYBRID by default, with scores in 0..1 and highlights from the words that matched', async () => {
      const result = await searchSolutions({ query: 'call-back for busy phones' });
      expect(result.searchSolutions.mode).toBe('HYBRID');
      const [top, ...rest] = result.searchSolutions.hits;
      expect(top?.solution.id).toBe(ids.telephony);
      expect(top?.highlights.some((highlight) => /<mark>/.test(highlight.snippet))).toBe(true);
      for (const hit of [top, ...rest]) {
        expect(hit?.score).toBeGreaterThanOrEqual(0);
        expect(hit?.score).toBeLessThanOrEqual(1);
      }
      const scores = result.searchSolutions.hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('keeps unpublished solutions out of semantic results for everyone but their owners', async () => {
      const anonymous = await searchSolutions({ mode: 'SEMANTIC' });
      expect(anonymous.searchSolutions.hits.map((hit) => hit.solution.id)).not.toContain(ids.draft);
      const owner = await searchSolutions({ mode: 'SEMANTIC' }, startup);
      expect(owner.searchSolutions.hits.map((hit) => hit.solution.id)).toContain(ids.draft);
    });

    it('finds the challenge a start-up could answer, by what its product does', async () => {
      const result = await app.session().gqlOk(SearchChallenges, { input: { query: 'cloud telephony with call-back' } });
      expect(result.searchChallenges).toMatchObject({ semantic: true, mode: 'HYBRID' });
      expect(result.searchChallenges.hits[0]?.challenge.id).toBe(ids.gpChallenge);
    });

    it('lists by keyword when there is no query to embed', async () => {
      const result = await searchSolutions({ query: '', mode: 'SEMANTIC' });
      expect(result.searchSolutions).toMatchObject({ semantic: false, mode: 'KEYWORD' });
      expect(result.searchSolutions.estimatedTotalHits).toBe(3);
    });

    it('reports semantic search in /readyz details', async () => {
      const response = await request(app.pilotline.app).get('/readyz');
      expect(response.body.details.search.semantic).toEqual({ enabled: true, modelId: expect.stringMatching(/^all-MiniLM-L6-v2/) });
    });
  });
}

describe('search without an embedding model', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({}, { search: true });
    const startup = await registerOrganisation(app, 'STARTUP');
    await publishedSolution(startup, { name: 'CallBridge', summary: 'Cloud telephony with call-back.' });
    await app.search!.indexer.drain();
  });
  afterAll(() => app.close());

  it('answers by keyword, says semantic: false, and never fails for asking for meaning', async () => {
    for (const mode of [undefined, 'SEMANTIC', 'HYBRID'] as const) {
      const result = await app.session().gqlOk(SearchSolutions, { input: { query: 'telephony', ...(mode ? { mode } : {}) } });
      expect(result.searchSolutions).toMatchObject({ semantic: false, mode: 'KEYWORD' });
      expect(result.searchSolutions.hits).toHaveLength(1);
    }
  });

  it('says why in /readyz details while staying ready', async () => {
    const response = await request(app.pilotline.app).get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body.details.search.semantic).toEqual({ enabled: false, reason: expect.any(String) });
  });
});
