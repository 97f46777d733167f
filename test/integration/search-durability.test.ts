import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { createLogger } from '../../server/src/shared/logger';
import { SearchIndexer } from '../../server/src/search-sync/indexer';
import { measureDrift, repairDrift } from '../../server/src/search-sync/drift';
import { searchSources } from '../../server/src/search-sources';
import { createSolution, publishSolution, unpublishSolution, updateSolution } from '../../server/src/solutions/solution.service';
import { createChallenge, publishChallenge, submitChallenge, updateChallenge } from '../../server/src/challenges/challenge.service';
import { ChallengeModel } from '../../server/src/challenges/challenge.model';
import { SearchRuntime } from '../../server/src/search-sync/search-runtime';
import { SearchUnavailableError, type SearchEngine } from '../../server/src/search/search-engine';
import { SolutionModel } from '../../server/src/solutions/solution.model';
import type { ServiceContext } from '../../server/src/context/service-context';
import type {
  CreateChallengeInput as ServiceCreateChallengeInput,
  CreateSolutionInput as ServiceCreateSolutionInput,
} from '../../server/src/contract/generated/resolvers-types';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff } from '../testkit/accounts';
import { publishedSolution, solutionInput } from '../testkit/marketplace';
import { challengeInput } from '../testkit/challenges';
import { FaultySearchEngine, NO_FAULTS } from '../testkit/faulty-search-engine';
import { describeEachEngine, type EngineUnderTest } from '../testkit/search-engines';

const logger = createLogger('silent');
describeEachEngine('search durability', (createEngine, timeScale) => {
  let app: TestApp;
  let engine: FaultySearchEngine;
  let startupCtx: ServiceContext;
  let organisationId: string;
  let bodyCtx: ServiceContext;
  let bodyOrganisationId: string;
  let staffCtx: ServiceContext;

  let underTest: EngineUnderTest;
  jest.setTimeout(30_000 * timeScale);

  beforeAll(async () => {
    underTest = createEngine();
    engine = new FaultySearchEngine(underTest.engine, 7);
    engine.lateMs *= timeScale;
    app = await startTestApp({}, { searchEngine: engine, searchTimeScale: timeScale });
    const startup = await registerOrganisation(app, 'STARTUP');
    organisationId = startup.organisationId;
    startupCtx = await app.contextOf(startup.userId);
    const body = await registerOrganisation(app, 'PUBLIC_BODY');
    bodyOrganisationId = body.organisationId;
    bodyCtx = await app.contextOf(body.userId);
    staffCtx = await app.contextOf((await registerStaff(app)).userId);
  });
  afterAll(async () => {
    await app.close();
    await underTest.release();
  }, 30_000 * timeScale);
  afterEach(() => {
    engine.down = false;
    engine.rates = NO_FAULTS;
    engine.holdLateWrites = false;
  });

  async function totalDrift() {
    const drifts = await Promise.all(searchSources.map((source) => measureDrift(engine, source)));
    return {
      missing: drifts.reduce((sum, d) => sum + d.missing.length, 0),
      stale: drifts.reduce((sum, d) => sum + d.stale.length, 0),
      orphaned: drifts.reduce((sum, d) => sum + d.orphaned.length, 0),
    };
  }

  /** The GraphQL-shaped test input as the service receives it, after the DateTime scalar has parsed dates. */
  function serviceInput(name: string): ServiceCreateSolutionInput {
    const input = solutionInput(organisationId, { name });
    return {
      ...input,
      evidence: (input.evidence ?? []).map((item) => ({
        ...item,
        accreditation: item.accreditation ? { ...item.accreditation, expiresAt: new Date(String(item.accreditation.expiresAt)) } : null,
      })),
    } as ServiceCreateSolutionInput;
  }

  /** Creates `count` solutions, edits a third, publishes a quarter and unpublishes half of those, through the service, as users would. */
  async function writeSolutions(count: number, label: string): Promise<number> {
    let writes = 0;
    for (let index = 0; index < count; index += 1) {
      let solution = await createSolution(startupCtx, serviceInput(`${label} solution ${index}`));
      writes += 1;
      const ref = () => ({ solutionId: solution._id.toHexString(), expectedVersion: solution.version });
      if (index % 3 === 0) {
        solution = await updateSolution(startupCtx, { ...ref(), trl: 6 });
        writes += 1;
      }
      if (index % 4 === 0) {
        solution = await publishSolution(startupCtx, ref());
        writes += 1;
        if (index % 8 === 0) {
          solution = await unpublishSolution(startupCtx, ref());
          writes += 1;
        }
      }
    }
    return writes;
  }

  /** Creates `count` challenges and takes each through edit, submission and publication by staff. */
  async function writeChallenges(count: number, label: string): Promise<number> {
    let writes = 0;
    for (let index = 0; index < count; index += 1) {
      const input = challengeInput(bodyOrganisationId, { title: `${label} challenge ${index}` });
      let challenge = await createChallenge(bodyCtx, { ...input, responseDeadline: new Date(input.responseDeadline) } as ServiceCreateChallengeInput);
      const ref = () => ({ challengeId: challenge._id.toHexString(), expectedVersion: challenge.version });
      challenge = await updateChallenge(bodyCtx, { ...ref(), summary: `${input.summary} Edited.` });
      challenge = await submitChallenge(bodyCtx, ref());
      challenge = await publishChallenge(staffCtx, ref());
      writes += 4;
    }
    return writes;
  }

  function indexer(owner: string, leaseMs = 300) {
    return new SearchIndexer(engine, searchSources, {
      logger,
      owner,
      leaseMs: leaseMs * timeScale,
      callTimeoutMs: 100 * timeScale,
      idleDelayMs: 5,
      maxBackoffMs: 50,
    });
  }

  describe('keeping the index in step with the database', () => {
    it('loses nothing across 1,000 writes while the engine fails, hangs, answers late and duplicates calls', async () => {
      engine.rates = { fail: 0.15, failAfterWrite: 0.1, hang: 0.05, late: 0.05, duplicate: 0.1 };
      const worker = indexer('faulty-run');
      worker.start();
      const writes = (await writeSolutions(500, 'faulty')) + (await writeChallenges(60, 'faulty'));
      await worker.stop();
      expect(writes).toBeGreaterThanOrEqual(1000);

      engine.rates = NO_FAULTS;
      await engine.settle();
      const recovery = indexer('recovery');
      await recovery.drain();
      const afterDrain = await totalDrift();
      // A timed-out write that lands after a newer one is the one thing markers cannot see; reconciliation does.
      await recovery.reconcile();
      await recovery.drain();
      const afterReconcile = await totalDrift();
      console.log(
        `Search outage test: ${writes} writes under faults; after drain ${JSON.stringify(afterDrain)}; after reconcile ${JSON.stringify(afterReconcile)}`,
      );
      expect(afterDrain.missing).toBe(0);
      expect(afterReconcile).toEqual({ missing: 0, stale: 0, orphaned: 0 });
      expect(await recovery.pendingCount()).toBe(0);
    }, 240_000 * timeScale);

    it('accepts writes while the engine is down and drains the backlog on recovery', async () => {
      engine.down = true;
      await writeSolutions(30, 'outage');
      expect(await indexer('while-down').pendingCount()).toBeGreaterThanOrEqual(30);
      await expect(indexer('while-down').processBatch(searchSources[1]!)).rejects.toMatchObject({ code: 'SEARCH_UNAVAILABLE' });
      engine.down = false;
      await indexer('after-outage').drain();
      expect(await totalDrift()).toEqual({ missing: 0, stale: 0, orphaned: 0 });
    }, 60_000 * timeScale);

    it('loses nothing when an indexer dies mid-batch: another takes over once its lease lapses', async () => {
      await writeSolutions(40, 'killed');
      engine.rates = { ...NO_FAULTS, hang: 1 };
      const doomed = indexer('doomed', 400);
      const hungBefore = engine.hungWrites;
      const stuck = engine.nextHang();
      const hung = doomed.processBatch(searchSources[1]!).then(
        () => 'finished',
        () => 'timed out',
      );
      await stuck;
      // The doomed worker is stuck in its upsert here, holding leases, as a killed process would.
      engine.rates = NO_FAULTS;
      expect(engine.hungWrites - hungBefore).toBe(1);
      await indexer('successor', 400).drain();
      expect(await hung).toBe('timed out');
      expect(await totalDrift()).toEqual({ missing: 0, stale: 0, orphaned: 0 });
    }, 60_000 * timeScale);

    it('never has two concurrent indexers process the same record version', async () => {
      engine.appliedUpserts.clear();
      await writeSolutions(200, 'concurrent');
      const [first, second] = [indexer('first', 5000), indexer('second', 5000)];
      await Promise.all([first.drain(), second.drain()]);
      const doubled = [...engine.appliedUpserts.entries()].filter(([, count]) => count > 1);
      expect(doubled).toEqual([]);
      expect(await totalDrift()).toEqual({ missing: 0, stale: 0, orphaned: 0 });
    }, 60_000 * timeScale);

    it('repairs, by reconciliation, a timed-out write that lands late over a newer one', async () => {
      await indexer('before-late').drain();
      const created = await createSolution(startupCtx, serviceInput('late landing'));
      engine.rates = { ...NO_FAULTS, late: 1 };
      engine.holdLateWrites = true;
      await expect(indexer('late').processBatch(searchSources[1]!)).rejects.toMatchObject({ code: 'SEARCH_UNAVAILABLE' });
      engine.rates = NO_FAULTS;
      await updateSolution(startupCtx, { solutionId: created._id.toHexString(), expectedVersion: created.version, trl: 5 });
      await indexer('successor').drain();
      // Only now does the old write land, over the newer one, however slow the machine is.
      engine.landLateWrites();
      await engine.settle();
      // The marker was rightly cleared for the newer version, so only a comparison with the database can see this.
      expect(await totalDrift()).toEqual({ missing: 0, stale: 1, orphaned: 0 });
      const worker = indexer('reconciler');
      expect(await worker.reconcile()).toBe(1);
      await worker.drain();
      expect(await totalDrift()).toEqual({ missing: 0, stale: 0, orphaned: 0 });
    });

    it('reports and repairs drift made behind its back', async () => {
      const [solution] = await SolutionModel.find({}).limit(1).lean();
      await engine.deleteDocuments('solutions', [solution!._id.toHexString()]);
      await engine.upsertDocuments('solutions', [{ id: 'orphan-1', version: 1, name: 'Orphan', status: 'PUBLISHED' }]);
      const source = searchSources[1]!;
      const drift = await measureDrift(engine, source);
      expect({ missing: drift.missing.length, orphaned: drift.orphaned }).toEqual({ missing: 1, orphaned: ['orphan-1'] });
      await repairDrift(engine, source, drift);
      await indexer('repair').drain();
      expect(await totalDrift()).toEqual({ missing: 0, stale: 0, orphaned: 0 });
    });

    it('never deletes a document as orphaned when its record exists by the time of the repair', async () => {
      const [solution] = await SolutionModel.find({}).limit(1).lean();
      const id = solution!._id.toHexString();
      await repairDrift(engine, searchSources[1]!, { index: 'solutions', missing: [], stale: [], orphaned: [id] });
      expect(await engine.getDocuments('solutions', [id])).toHaveLength(1);
    });
  });

  describe('the search-tracked plugin', () => {
    it('marks a record in the same write as the change, merging with the caller\'s own $set and $inc', async () => {
      const created = await createSolution(startupCtx, serviceInput('plugin check'));
      await indexer('plugin').drain();
      const updated = await updateSolution(startupCtx, { solutionId: created._id.toHexString(), expectedVersion: created.version, name: 'plugin checked' });
      expect(updated).toMatchObject({ version: created.version + 1, searchVersion: created.searchVersion + 1, searchDirty: true, name: 'plugin checked' });
    });

    it('marks documents saved with save(), and refuses hard deletes and replacements the index could not follow', async () => {
      const doc = await SolutionModel.findOne({});
      const before = doc!.searchVersion;
      await indexer('plugin').drain();
      doc!.summary = `${doc!.summary} (saved)`;
      await doc!.save();
      expect(await SolutionModel.findById(doc!._id).lean()).toMatchObject({ searchDirty: true, searchVersion: before + 1 });
      await expect(SolutionModel.deleteOne({ _id: doc!._id })).rejects.toThrow(/hard-deleted/);
      await expect(ChallengeModel.deleteMany({})).rejects.toThrow(/hard-deleted/);
      await expect(SolutionModel.replaceOne({ _id: doc!._id }, { name: 'x' })).rejects.toThrow(/replaced/);
      expect(await SolutionModel.countDocuments({ _id: doc!._id })).toBe(1);
    });
  });
});

describe('start-up of the embedded engine', () => {
  let databaseOnly: TestApp;
  beforeAll(async () => {
    databaseOnly = await startTestApp();
    await publishedSolution(await registerOrganisation(databaseOnly, 'STARTUP'));
  });
  afterAll(() => databaseOnly.close());

  it('is not ready, and search answers SEARCH_UNAVAILABLE, until the index is fully built', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inner = new EmbeddedSearchEngine();
    const slow: SearchEngine = Object.assign(Object.create(inner) as SearchEngine, {
      upsertDocuments: async (index: string, documents: Parameters<SearchEngine['upsertDocuments']>[1]) => {
        await gate;
        return inner.upsertDocuments(index, documents);
      },
    });
    const runtime = new SearchRuntime(slow, searchSources, logger);
    const starting = runtime.start({ rebuildFromDatabase: true, runIndexer: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await runtime.readiness.check()).toBe(false);
    expect(() => runtime.assertReady()).toThrow(SearchUnavailableError);
    release();
    await starting;
    expect(await runtime.readiness.check()).toBe(true);
    // The ready engine serves searches over the whole built index.
    const built = await runtime.assertReady().search('solutions', { query: '', limit: 1 });
    expect(built.estimatedTotalHits).toBe(await SolutionModel.countDocuments({}));
    await runtime.stop();
  });
});
