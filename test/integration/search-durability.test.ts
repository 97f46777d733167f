import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { createLogger } from '../../server/src/shared/logger';
import { SearchIndexer } from '../../server/src/search-sync/indexer';
import { measureDrift, repairDrift } from '../../server/src/search-sync/drift';
import { searchSources } from '../../server/src/search-sync/search-sources';
import { createSolution, updateSolution } from '../../server/src/solutions/solution.service';
import { loadUserActor } from '../../server/src/users/user.service';
import { SolutionModel } from '../../server/src/solutions/solution.model';
import type { UserActor } from '../../server/src/shared/actor';
import type { CreateSolutionInput as ServiceCreateSolutionInput } from '../../server/src/graphql/generated/resolvers-types';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation } from '../testkit/accounts';
import { solutionInput } from '../testkit/marketplace';
import { FaultySearchEngine, NO_FAULTS } from '../testkit/faulty-search-engine';

const logger = createLogger('silent');
let app: TestApp;
let engine: FaultySearchEngine;
let actor: UserActor;
let organisationId: string;

beforeAll(async () => {
  engine = new FaultySearchEngine(new EmbeddedSearchEngine(), 7);
  app = await startTestApp({}, { searchEngine: engine });
  const startup = await registerOrganisation(app, 'STARTUP');
  organisationId = startup.organisationId;
  actor = (await loadUserActor(startup.userId)) as UserActor;
});
afterAll(() => app.close());
afterEach(() => {
  engine.down = false;
  engine.rates = NO_FAULTS;
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

/** Creates `count` solutions and edits a third of them, through the service, as users would. */
async function writeSolutions(count: number, label: string): Promise<number> {
  let writes = 0;
  for (let index = 0; index < count; index += 1) {
    const created = await createSolution(actor, serviceInput(`${label} solution ${index}`));
    writes += 1;
    if (index % 3 === 0) {
      await updateSolution(actor, { solutionId: created._id.toHexString(), expectedVersion: created.version, trl: 6 });
      writes += 1;
    }
  }
  return writes;
}

function indexer(owner: string, leaseMs = 300) {
  return new SearchIndexer(engine, searchSources, { logger, owner, leaseMs, callTimeoutMs: 100, idleDelayMs: 5, maxBackoffMs: 50 });
}

describe('keeping the index in step with the database', () => {
  it('loses nothing across 1,000 writes while the engine fails, hangs and duplicates calls', async () => {
    engine.rates = { fail: 0.15, failAfterWrite: 0.1, hang: 0.05, duplicate: 0.1 };
    const worker = indexer('faulty-run');
    worker.start();
    const writes = await writeSolutions(750, 'faulty');
    await worker.stop();
    expect(writes).toBeGreaterThanOrEqual(1000);

    engine.rates = NO_FAULTS;
    await indexer('recovery').drain();
    const drift = await totalDrift();
    console.log(`Search outage test: ${writes} writes under faults; after recovery ${JSON.stringify(drift)}`);
    expect(drift).toEqual({ missing: 0, stale: 0, orphaned: 0 });
  }, 180_000);

  it('accepts writes while the engine is down and drains the backlog on recovery', async () => {
    engine.down = true;
    await writeSolutions(30, 'outage');
    expect(await indexer('while-down').pendingCount()).toBeGreaterThanOrEqual(30);
    await expect(indexer('while-down').processBatch(searchSources[1]!)).rejects.toMatchObject({ code: 'SEARCH_UNAVAILABLE' });
    engine.down = false;
    await indexer('after-outage').drain();
    expect(await totalDrift()).toEqual({ missing: 0, stale: 0, orphaned: 0 });
  }, 60_000);

  it('loses nothing when an indexer dies mid-batch: another takes over once its lease lapses', async () => {
    await writeSolutions(40, 'killed');
    engine.rates = { ...NO_FAULTS, hang: 1 };
    const doomed = indexer('doomed', 400);
    const hung = doomed.processBatch(searchSources[1]!).catch(() => 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The doomed worker is abandoned here, holding leases, as a killed process would.
    engine.rates = NO_FAULTS;
    await indexer('successor', 400).drain();
    await hung;
    expect(await totalDrift()).toEqual({ missing: 0, stale: 0, orphaned: 0 });
  }, 60_000);

  it('never has two concurrent indexers process the same record version', async () => {
    engine.appliedUpserts.clear();
    await writeSolutions(200, 'concurrent');
    const [first, second] = [indexer('first', 5000), indexer('second', 5000)];
    await Promise.all([first.drain(), second.drain()]);
    const doubled = [...engine.appliedUpserts.entries()].filter(([, count]) => count > 1);
    expect(doubled).toEqual([]);
    expect(await totalDrift()).toEqual({ missing: 0, stale: 0, orphaned: 0 });
  }, 60_000);

  it('reports and repairs drift made behind its back', async () => {
    const [solution] = await SolutionModel.find({}).limit(1).lean();
    await engine.deleteDocuments('solutions', [solution!._id.toHexString()]);
    await engine.upsertDocuments('solutions', [{ id: 'orphan-1', version: 1, name: 'Orphan', status: 'PUBLISHED' }]);
    const source = searchSources[1]!;
    const drift = await measureDrift(engine, source);
    expect({ missing: drift.missing.length, orphaned: drift.orphaned }).toEqual({ missing: 1, orphaned: ['orphan-1'] });
    await repairDrift(engine, source, drift);
    expect(await totalDrift()).toEqual({ missing: 0, stale: 0, orphaned: 0 });
  });
});
