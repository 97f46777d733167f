import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { createLogger } from '../../server/src/shared/logger';
import { SearchIndexer } from '../../server/src/search-sync/indexer';
import { measureDrift } from '../../server/src/search-sync/drift';
import { SearchRuntime } from '../../server/src/search-sync/search-runtime';
import { searchSources } from '../../server/src/search-sources';
import { createSolution, updateSolution } from '../../server/src/solutions/solution.service';
import { SolutionModel } from '../../server/src/solutions/solution.model';
import { solutionSearchSource } from '../../server/src/solutions/solution.search';
import { cosine } from '../../server/src/search/embedder';
import { EmbeddingModel } from '../../server/src/search-sync/embedding-cache';
import { trusted } from '../../server/src/db/trusted';
import type { ServiceContext } from '../../server/src/context/service-context';
import type { CreateSolutionInput as ServiceCreateSolutionInput } from '../../server/src/contract/generated/resolvers-types';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation } from '../testkit/accounts';
import { solutionInput } from '../testkit/marketplace';
import { FaultySearchEngine, NO_FAULTS } from '../testkit/faulty-search-engine';
import { FakeEmbedder } from '../testkit/fake-embedder';

const logger = createLogger('silent');
let app: TestApp;
let engine: FaultySearchEngine;
let embedder: FakeEmbedder;
let startupCtx: ServiceContext;
let organisationId: string;

beforeAll(async () => {
  engine = new FaultySearchEngine(new EmbeddedSearchEngine(), 11);
  embedder = new FakeEmbedder();
  app = await startTestApp({}, { searchEngine: engine, embedder });
  const startup = await registerOrganisation(app, 'STARTUP');
  organisationId = startup.organisationId;
  startupCtx = await app.contextOf(startup.userId);
});
afterAll(() => app.close());
afterEach(() => {
  engine.down = false;
  engine.rates = NO_FAULTS;
  embedder.down = false;
  embedder.failureRate = 0;
  embedder.release();
});

function serviceInput(name: string, summary?: string): ServiceCreateSolutionInput {
  const input = solutionInput(organisationId, { name, ...(summary ? { summary } : {}) });
  return {
    ...input,
    evidence: (input.evidence ?? []).map((item) => ({
      ...item,
      accreditation: item.accreditation ? { ...item.accreditation, expiresAt: new Date(String(item.accreditation.expiresAt)) } : null,
    })),
  } as ServiceCreateSolutionInput;
}

function indexer(owner: string) {
  return new SearchIndexer(engine, searchSources, { logger, owner, leaseMs: 2000, callTimeoutMs: 400, idleDelayMs: 5, maxBackoffMs: 50, embedder });
}

/** Runs indexing passes until `done` holds, or fails after `passes`; no clock is involved. */
async function indexUntil(worker: SearchIndexer, done: () => Promise<boolean>, passes = 400): Promise<void> {
  for (let pass = 0; pass < passes; pass += 1) {
    if (await done()) return;
    await worker.processBatch(solutionSearchSource as never).catch(() => 0);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('indexing did not reach the expected state');
}

/**
 * Solutions whose vector in the engine is missing or does not belong to the record's current text:
 * the vector must follow the latest version, never an older one.
 */
async function solutionsWithoutCurrentVector(): Promise<string[]> {
  const records = await SolutionModel.find({}).lean();
  const documents = await solutionSearchSource.toDocuments(records as never);
  const vectors = await engine.getVectors('solutions', documents.map((document) => String(document.id)));
  const expected = await embedder.embed(documents.map((document) => solutionSearchSource.embeddingText!(document)));
  return documents.flatMap((document, index) => {
    const stored = vectors.get(String(document.id));
    return stored && cosine(stored, expected[index]!) > 0.9999 ? [] : [String(document.id)];
  });
}

const keywordHits = async (query: string) => (await engine.search('solutions', { query, limit: 50 })).hits.map((hit) => hit.id);

describe('indexing with an embedder that is slow, down or failing', () => {
  it('makes a write searchable by keyword at once, and by meaning when its vector lands', async () => {
    embedder.hold();
    const solution = await createSolution(startupCtx, serviceInput('Heldback telephony'));
    const id = solution._id.toHexString();
    const worker = indexer('held');
    const pass = worker.processBatch(solutionSearchSource as never);
    await indexUntil(worker, async () => (await keywordHits('heldback')).includes(id));
    expect((await engine.getVectors('solutions', [id])).size).toBe(0);
    embedder.release();
    await pass;
    await indexUntil(worker, async () => (await engine.getVectors('solutions', [id])).size === 1);
    expect(await SolutionModel.countDocuments({ _id: solution._id, searchDirty: true })).toBe(0);
  });

  it('keeps records keyword-searchable and dirty while the embedder is down, and gives them vectors on recovery', async () => {
    embedder.down = true;
    const created = [];
    for (let index = 0; index < 12; index += 1) created.push(await createSolution(startupCtx, serviceInput(`Outage solution ${index}`)));
    const worker = indexer('outage');
    const ids = created.map((solution) => solution._id.toHexString());
    await indexUntil(worker, async () => (await keywordHits('outage')).length === ids.length);
    expect(await SolutionModel.countDocuments({ _id: trusted({ $in: created.map((record) => record._id) }), searchDirty: true })).toBe(ids.length);
    expect((await engine.getVectors('solutions', ids)).size).toBe(0);

    embedder.down = false;
    await indexUntil(worker, async () => (await SolutionModel.countDocuments({ searchDirty: true })) === 0);
    expect(await solutionsWithoutCurrentVector()).toEqual([]);
  });

  it('loses no vector and keeps none stale across edits while the embedder and the engine both fail', async () => {
    embedder.failureRate = 0.3;
    engine.rates = { fail: 0.1, failAfterWrite: 0.1, hang: 0, late: 0, duplicate: 0.1 };
    const worker = indexer('faulty');
    worker.start();
    for (let index = 0; index < 40; index += 1) {
      let solution = await createSolution(startupCtx, serviceInput(`Faulty solution ${index}`));
      if (index % 2 === 0) {
        solution = await updateSolution(startupCtx, {
          solutionId: solution._id.toHexString(),
          expectedVersion: solution.version,
          summary: `Rewritten summary number ${index} about river flood sensors.`,
        });
      }
    }
    await worker.stop();
    embedder.failureRate = 0;
    engine.rates = NO_FAULTS;
    await indexer('recovery').drain(60_000);
    expect(await solutionsWithoutCurrentVector()).toEqual([]);
    const drift = await measureDrift(engine, solutionSearchSource as never);
    expect({ missing: drift.missing.length, stale: drift.stale.length, orphaned: drift.orphaned.length }).toEqual({ missing: 0, stale: 0, orphaned: 0 });
  }, 60_000);

  it('reads vectors back from the database cache on a rebuild instead of embedding again', async () => {
    await indexer('settle').drain(60_000);
    const cached = await EmbeddingModel.countDocuments({ modelId: embedder.modelId });
    expect(cached).toBeGreaterThan(0);
    const embeddedBefore = embedder.embedded;
    const fresh = new EmbeddedSearchEngine();
    const restarted = new SearchRuntime(fresh, searchSources, logger, { embedder, leaseMs: 2000, callTimeoutMs: 400 });
    await restarted.start({ rebuildFromDatabase: true, runIndexer: false });
    await restarted.indexer.drain(60_000);
    expect(embedder.embedded).toBe(embeddedBefore);
    const ids = (await SolutionModel.find({}).select({ _id: 1 }).lean()).map((record) => record._id.toHexString());
    expect((await fresh.getVectors('solutions', ids)).size).toBe(ids.length);
  }, 60_000);

  it('does not embed again when an edit leaves the text alone', async () => {
    const solution = await createSolution(startupCtx, serviceInput('Unchanging text'));
    await indexer('first').drain(60_000);
    const embeddedBefore = embedder.embedded;
    await updateSolution(startupCtx, { solutionId: solution._id.toHexString(), expectedVersion: solution.version, trl: 5 });
    await indexer('second').drain(60_000);
    expect(embedder.embedded).toBe(embeddedBefore);
    expect((await engine.getVectors('solutions', [solution._id.toHexString()])).size).toBe(1);
  });
});
