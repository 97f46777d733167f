import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { draftChallenge, openChallenge } from '../testkit/challenges';
import { draftSolution, publishedSolution } from '../testkit/marketplace';
import { FaultySearchEngine } from '../testkit/faulty-search-engine';
import { describeEachEngine, type EngineUnderTest } from '../testkit/search-engines';
import { ChallengeModel } from '../../server/src/challenges/challenge.model';
import { closeExpiredChallenges } from '../../server/src/challenges/challenge.service';

const SearchChallenges = graphql(`
  query SearchChallengesTest($input: SearchChallengesInput!) {
    searchChallenges(input: $input) {
      estimatedTotalHits
      processingTimeMs
      hits {
        score
        highlights {
          field
          snippet
        }
        challenge {
          id
          title
          status
        }
      }
      facets {
        name
        values {
          value
          count
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SearchSolutions = graphql(`
  query SearchSolutionsTest($input: SearchSolutionsInput!) {
    searchSolutions(input: $input) {
      estimatedTotalHits
      hits {
        score
        solution {
          id
          name
        }
      }
    }
  }
`);

const SearchOrganisations = graphql(`
  query SearchOrganisationsTest($input: SearchOrganisationsInput!) {
    searchOrganisations(input: $input) {
      hits {
        organisation {
          id
          verified
        }
      }
      facets {
        name
        values {
          value
          count
        }
      }
    }
  }
`);

const RenameOrganisation = graphql(`
  mutation SearchTestRenameOrganisation($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      id
      name
    }
  }
`);

describeEachEngine('search through GraphQL', (createEngine, timeScale) => {
  let app: TestApp;
  let engine: FaultySearchEngine;
  let body: Account;
  let staff: Account;
  let startup: Account;
  const ids: Record<string, string> = {};

  let underTest: EngineUnderTest;
  jest.setTimeout(30_000 * timeScale);

  beforeAll(async () => {
    underTest = createEngine();
    engine = new FaultySearchEngine(underTest.engine);
    app = await startTestApp({}, { searchEngine: engine, searchTimeScale: underTest.timeScale });
    body = await registerOrganisation(app, 'PUBLIC_BODY');
    staff = await registerStaff(app);
    startup = await registerOrganisation(app, 'STARTUP');
    ids.police = (
      await openChallenge(body, staff.session, {
        title: 'Cut paper forms in police custody',
        summary: 'Officers spend hours a week re-keying custody records from paper forms into our systems.',
        sectors: ['POLICING_AND_JUSTICE'],
        region: 'WEST_MIDLANDS',
        budgetMinGbp: 20_000,
        budgetMaxGbp: 80_000,
      })
    ).id;
    ids.flood = (
      await openChallenge(body, staff.session, {
        title: 'Earlier flood warnings for riverside streets',
        summary: 'Residents get too little notice of river flooding; we want sensor-based warnings by text message.',
        sectors: ['EMERGENCY_AND_RESILIENCE'],
        region: 'YORKSHIRE_AND_THE_HUMBER',
        budgetMinGbp: 100_000,
        budgetMaxGbp: 300_000,
      })
    ).id;
    ids.draft = (await draftChallenge(body, { title: 'Secret draft about police drones', sectors: ['POLICING_AND_JUSTICE'] })).id;
    ids.solution = (await publishedSolution(startup, { name: 'FloodSense river gauges', sectors: ['EMERGENCY_AND_RESILIENCE'] })).id;
    ids.draftSolution = (await draftSolution(startup, { name: 'FloodSense beta' })).id;
    await app.search!.indexer.drain();
  }, 30_000 * timeScale);
  afterAll(async () => {
    await app.close();
    await underTest.release();
  }, 30_000 * timeScale);

  const search = (account: Account | null, input: object) => (account ? account.session : app.session()).gql(SearchChallenges, { input });

  describe('searching challenges through GraphQL', () => {
    it('finds by words with typos, scores in 0..1 and highlights the match', async () => {
      const result = await search(null, { query: 'polise forms' });
      const hits = result.data?.searchChallenges.hits ?? [];
      expect(hits[0]?.challenge.id).toBe(ids.police);
      for (const hit of hits) expect(hit.score).toBeGreaterThan(0), expect(hit.score).toBeLessThanOrEqual(1);
      expect(hits[0]?.highlights.find((h) => h.field === 'title')?.snippet).toMatch(/<mark>/);
    });

    it('never shows drafts to anonymous visitors or start-ups, but does to the owner and staff', async () => {
      for (const account of [null, startup]) {
        const result = await search(account, { query: 'police drones' });
        expect(result.data?.searchChallenges.hits.map((h) => h.challenge.id)).not.toContain(ids.draft);
        const asked = await search(account, { query: 'drones', status: 'DRAFT' });
        expect(asked.data?.searchChallenges.hits).toEqual([]);
      }
      for (const account of [body, staff]) {
        const result = await search(account, { query: 'drones', status: 'DRAFT' });
        expect(result.data?.searchChallenges.hits.map((h) => h.challenge.id)).toEqual([ids.draft]);
      }
    });

    it('cannot be tricked into widening the filter by hostile input', async () => {
      const hostile = ['OPEN" OR status = "DRAFT', "' OR 1=1 --", 'status = DRAFT', '{"$ne": null}'];
      for (const query of hostile) {
        const result = await search(startup, { query });
        expect(result.data?.searchChallenges.hits.map((h) => h.challenge.id) ?? []).not.toContain(ids.draft);
      }
      const badEnum = await app.session().agent.post('/graphql').set('Content-Type', 'application/json').send({
        query: 'query($input: SearchChallengesInput!) { searchChallenges(input: $input) { estimatedTotalHits } }',
        variables: { input: { status: 'DRAFT" OR status = "OPEN' } },
      });
      expect(badEnum.status).toBe(400);
    });

    it('filters, counts facets on the filtered set, sorts and pages', async () => {
      const faceted = await search(null, { facets: ['SECTORS', 'BUDGET_BAND', 'REGION'] });
      const sectors = faceted.data?.searchChallenges.facets.find((facet) => facet.name === 'sectors')?.values ?? [];
      expect(sectors).toEqual(
        expect.arrayContaining([
          { value: 'POLICING_AND_JUSTICE', count: 1 },
          { value: 'EMERGENCY_AND_RESILIENCE', count: 1 },
        ]),
      );
      const filtered = await search(null, { regions: ['YORKSHIRE_AND_THE_HUMBER'], facets: ['SECTORS'] });
      expect(filtered.data?.searchChallenges.hits.map((h) => h.challenge.id)).toEqual([ids.flood]);
      expect(filtered.data?.searchChallenges.facets[0]?.values).toEqual([{ value: 'EMERGENCY_AND_RESILIENCE', count: 1 }]);

      const byBudget = await search(null, { sort: 'BUDGET_HIGHEST' });
      expect(byBudget.data?.searchChallenges.hits.map((h) => h.challenge.id)).toEqual([ids.flood, ids.police]);

      const firstPage = await search(null, { sort: 'BUDGET_HIGHEST', first: 1 });
      expect(firstPage.data?.searchChallenges.pageInfo.hasNextPage).toBe(true);
      const secondPage = await search(null, { sort: 'BUDGET_HIGHEST', first: 1, after: firstPage.data?.searchChallenges.pageInfo.endCursor });
      expect(secondPage.data?.searchChallenges.hits.map((h) => h.challenge.id)).toEqual([ids.police]);
    });

    it('narrows to challenges closing by a given instant', async () => {
      const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
      const soon = await openChallenge(body, staff.session, { title: 'Quieter gritting lorries before winter', responseDeadline: inDays(10) });
      const later = await openChallenge(body, staff.session, { title: 'Quieter gritting lorries next year', responseDeadline: inDays(200) });
      await app.search!.indexer.drain();
      const within = await search(null, { query: 'gritting lorries', closingBefore: inDays(30) });
      expect(within.data?.searchChallenges.hits.map((h) => h.challenge.id)).toEqual([soon.id]);
      const all = await search(null, { query: 'gritting lorries', sort: 'DEADLINE_SOONEST' });
      expect(all.data?.searchChallenges.hits.map((h) => h.challenge.id)).toEqual([soon.id, later.id]);
      const bad = await search(null, { query: 'gritting', closingBefore: 'next month' });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('reflects a write once the indexer has run', async () => {
      const fresh = await openChallenge(body, staff.session, { title: 'Reduce missed bin collections' });
      await app.search!.indexer.drain();
      const result = await search(null, { query: 'missed bin' });
      expect(result.data?.searchChallenges.hits[0]?.challenge.id).toBe(fresh.id);
    });

    it('answers SEARCH_UNAVAILABLE, not a 500, while the engine is down, and writes still succeed', async () => {
      engine.down = true;
      try {
        const result = await search(null, { query: 'flood' });
        expect(result.status).toBe(200);
        expect(result.errors?.[0]?.extensions?.code).toBe('SEARCH_UNAVAILABLE');
        await openChallenge(body, staff.session, { title: 'Written while search is down' });
      } finally {
        engine.down = false;
      }
      await app.search!.indexer.drain();
      expect((await search(null, { query: 'written while search' })).data?.searchChallenges.hits).toHaveLength(1);
    });

    it('keeps copied organisation names current: renaming an organisation re-indexes its challenges', async () => {
      await body.session.gqlOk(RenameOrganisation, { input: { organisationId: body.organisationId, name: 'Wyvernshire County Council' } });
      await app.search!.indexer.drain();
      const hits = (await search(null, { query: 'wyvernshire' })).data?.searchChallenges.hits.map((h) => h.challenge.id) ?? [];
      expect(hits).toEqual(expect.arrayContaining([ids.police, ids.flood]));
    });

    it('hides an OPEN challenge past its deadline at once, and indexes it as CLOSED once the sweeper stores the close', async () => {
      const late = await openChallenge(body, staff.session, { title: 'Quieter streetlight maintenance' });
      await ChallengeModel.updateOne({ _id: late.id }, { $set: { responseDeadline: new Date(Date.now() - 60_000) } });
      await app.search!.indexer.drain();
      expect((await search(startup, { query: 'streetlight maintenance' })).data?.searchChallenges.hits).toEqual([]);

      // The sweeper writes through the lifecycle's versioned write, which the plugin marks like any other.
      expect(await closeExpiredChallenges(app.system())).toBeGreaterThanOrEqual(1);
      expect((await ChallengeModel.findById(late.id).lean())?.searchDirty).toBe(true);
      await app.search!.indexer.drain();
      const closed = await search(body, { query: 'streetlight maintenance', status: 'CLOSED' });
      expect(closed.data?.searchChallenges.hits.map((h) => [h.challenge.id, h.challenge.status])).toEqual([[late.id, 'CLOSED']]);
    });

    it('rejects bad arguments with coded errors', async () => {
      expect((await search(null, { query: 'x'.repeat(500) })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await search(null, { first: 500 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await search(null, { after: 'garbage' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('searching solutions through GraphQL', () => {
    it('shows published solutions to everyone and drafts only to their start-up', async () => {
      const anonymous = await app.session().gqlOk(SearchSolutions, { input: { query: 'floodsense' } });
      expect(anonymous.searchSolutions.hits.map((h) => h.solution.id)).toEqual([ids.solution]);
      const own = await startup.session.gqlOk(SearchSolutions, { input: { query: 'floodsense' } });
      expect(own.searchSolutions.hits.map((h) => h.solution.id).sort()).toEqual([ids.solution, ids.draftSolution].sort());
    });

    it('filters solutions by pricing model and TRL from typed input only', async () => {
      const ofModel = async (pricingModels: string[]) =>
        (await app.session().gqlOk(SearchSolutions, { input: { query: 'floodsense', pricingModels: pricingModels as never } })).searchSolutions.hits.map(
          (h) => h.solution.id,
        );
      expect(await ofModel(['SUBSCRIPTION'])).toEqual([ids.solution]);
      expect(await ofModel(['PER_USER'])).toEqual([]);
      const tooHigh = await app.session().gqlOk(SearchSolutions, { input: { query: 'floodsense', minTrl: 9 } });
      expect(tooHigh.searchSolutions.hits).toEqual([]);
    });
  });

  describe('searching organisations through GraphQL', () => {
    it('finds verified organisations for everyone and unverified ones only for their members and staff', async () => {
      const hidden = await registerOrganisation(app, 'STARTUP', { name: 'Quillfeather Analytics', verified: false });
      await app.search!.indexer.drain();
      const ids = async (account: Account | null) =>
        (await (account ? account.session : app.session()).gqlOk(SearchOrganisations, { input: { query: 'quillfeather' } })).searchOrganisations.hits.map(
          (hit) => hit.organisation.id,
        );
      expect(await ids(null)).toEqual([]);
      expect(await ids(startup)).toEqual([]);
      expect(await ids(hidden)).toEqual([hidden.organisationId]);
      expect(await ids(staff)).toEqual([hidden.organisationId]);
      const faceted = await app.session().gqlOk(SearchOrganisations, { input: { facets: ['KIND'] } });
      expect(faceted.searchOrganisations.facets[0]?.values.map((value) => value.value)).toEqual(expect.arrayContaining(['PUBLIC_BODY', 'STARTUP']));
    });
  });
});
