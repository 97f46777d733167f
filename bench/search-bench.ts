import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import mongoose, { Types } from 'mongoose';
import { EmbeddedSearchEngine } from '../server/src/search/adapters/embedded/embedded-search-engine';
import { loadConfig } from '../server/src/config/config';
import { createLogger } from '../server/src/shared/logger';
import { connectDatabase } from '../server/src/db/connection';
import { startLocalMongo } from '../server/dev/local-mongo';
import { MemoryMailer } from '../server/src/mail/mailer';
import { createApp } from '../server/src/app';
import { SearchRuntime } from '../server/src/search-sync/search-runtime';
import { searchSources } from '../server/src/search-sources';
import { solutionSearchSource } from '../server/src/solutions/solution.search';
import { SolutionModel } from '../server/src/solutions/solution.model';
import { OrganisationModel } from '../server/src/organisations/organisation.model';
import { percentile } from './lib/ir-metrics';
import { semanticFigures } from './lib/semantic-figures';
import { f } from '../server/src/search/filter';

/**
 * `npm run bench -- search --size N [--json]`: builds an embedded index of N synthetic solutions
 * made from the demo vocabulary, then times a fixed query mix directly on the engine and through
 * GraphQL (`searchSolutions` over HTTP, with the same N records in the database), and reports RSS.
 */

interface SeedSolution {
  name: string;
  summary: string;
  description: string;
  sectors: string[];
  tags: string[];
  capabilities: string[];
  trl: number;
  regionsServed: string[];
  pricingModel: string;
  priceMinGbp: number;
  priceMaxGbp: number;
}

/** Realistic queries: words, phrases, typos, prefixes as typed, with and without filters and facets. */
const QUERIES: { query: string; sectors?: string[]; minTrl?: number; facets?: string[] }[] = [
  { query: 'telephony' },
  { query: 'gp appointment booking' },
  { query: 'flood warning sensors' },
  { query: 'paper forms police' },
  { query: 'domicilary care scheduling' },
  { query: 'air qualty monitoring' },
  { query: 'fly tipping cameras', facets: ['sectors', 'regionsServed'] },
  { query: 'loneliness older people', sectors: ['COMMUNITY_WELLBEING'] },
  { query: 'digital inclusion', minTrl: 7 },
  { query: 'waste', facets: ['sectors', 'priceBand', 'trl'] },
  { query: 'rout' },
  { query: 'translat' },
  { query: 'damp and mould in social housing', sectors: ['HOUSING'] },
  { query: 'parking payment app' },
  { query: '', facets: ['sectors', 'regionsServed', 'priceBand'] },
];

/** The GraphQL names of the facets the direct queries ask for, so both paths do the same work. */
const GRAPHQL_FACETS: Record<string, string> = { sectors: 'SECTORS', regionsServed: 'REGIONS_SERVED', priceBand: 'PRICE_BAND', trl: 'TRL' };

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readSeedSolutions(): SeedSolution[] {
  const directory = path.join(__dirname, '..', 'seeds', 'data');
  return fs
    .readdirSync(directory)
    .filter((file) => file.startsWith('solutions-'))
    .flatMap((file) => JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as SeedSolution[]);
}

/** N solution records recombined from the demo's sentences and vocabulary, deterministically. */
function syntheticSolutions(size: number, organisationIds: Types.ObjectId[]) {
  const seeds = readSeedSolutions();
  const random = mulberry32(2026);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentences = seeds.flatMap((seed) => seed.description.split(/(?<=\.)\s+/));
  const now = new Date();
  return Array.from({ length: size }, (_unused, index) => {
    const base = pick(seeds);
    const other = pick(seeds);
    return {
      _id: new Types.ObjectId(),
      organisationId: pick(organisationIds),
      createdBy: new Types.ObjectId(),
      name: `${base.name.split(' ')[0]} ${other.name.split(' ').slice(-1)[0]} ${index}`,
      summary: random() < 0.5 ? base.summary : other.summary,
      description: Array.from({ length: 5 }, () => pick(sentences)).join(' '),
      sectors: base.sectors,
      tags: [...new Set([...base.tags.slice(0, 3), ...other.tags.slice(0, 2)])],
      capabilities: [...new Set([...base.capabilities.slice(0, 3), ...other.capabilities.slice(0, 2)])],
      trl: 1 + Math.floor(random() * 9),
      regionsServed: base.regionsServed,
      pricingModel: base.pricingModel,
      priceMinGbp: base.priceMinGbp,
      priceMaxGbp: base.priceMaxGbp,
      evidence: [],
      status: 'PUBLISHED',
      version: 1,
      searchDirty: false,
      searchVersion: 1,
      createdAt: now,
      updatedAt: now,
    };
  });
}

async function timeQueries(run: (query: (typeof QUERIES)[number]) => Promise<unknown>, rounds: number) {
  for (const query of QUERIES) await run(query); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const query of QUERIES) {
      const startedAt = performance.now();
      await run(query);
      samples.push(performance.now() - startedAt);
    }
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: Number(percentile(sorted, 50).toFixed(2)), p95: Number(percentile(sorted, 95).toFixed(2)), samples: samples.length };
}

/** Runs the search benchmark with the arguments after `search`. */
export async function runSearchBench(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      size: { type: 'string', default: '10000' },
      json: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '10' },
      semantic: { type: 'boolean', default: true },
    },
  });
  const size = Number(values.size);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(size) || size < 1) throw new Error('--size must be a positive integer');

  const mongo = await startLocalMongo({ backend: 'memory', port: 0 });
  try {
    const logger = createLogger('silent');
    await connectDatabase(mongo.uri, `bench_${Date.now()}`, logger);
    const organisations = await OrganisationModel.insertMany(
      Array.from({ length: 40 }, (_unused, index) => ({ name: `Bench start-up ${index}`, kind: 'STARTUP', verified: true })),
    );
    const records = syntheticSolutions(size, organisations.map((org) => org._id));
    for (let start = 0; start < records.length; start += 5000) {
      await SolutionModel.collection.insertMany(records.slice(start, start + 5000));
    }

    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex('solutions', solutionSearchSource.settings);
    const documents = await solutionSearchSource.toDocuments(records as never);
    const buildStarted = performance.now();
    for (let start = 0; start < documents.length; start += 5000) await engine.upsertDocuments('solutions', documents.slice(start, start + 5000));
    const indexBuildMs = Math.round(performance.now() - buildStarted);

    const direct = await timeQueries(
      (q) =>
        engine.search('solutions', {
          query: q.query,
          limit: 20,
          facets: q.facets,
          filter: q.sectors ? { op: 'in', field: 'sectors', values: q.sectors } : q.minTrl ? { op: 'gte', field: 'trl', value: q.minTrl } : undefined,
          highlight: { fields: ['name', 'summary'], preTag: '<mark>', postTag: '</mark>' },
        }),
      rounds,
    );

    const search = new SearchRuntime(engine, searchSources, logger);
    await search.start({ rebuildFromDatabase: false, runIndexer: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const config = loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: mongo.uri, SESSION_SECRET: 'x'.repeat(40) });
    const pilotline = await createApp({ config, logger, mailer: new MemoryMailer(), search });
    const server = pilotline.app.listen(0);
    const port = (server.address() as { port: number }).port;
    const document = `query($input: SearchSolutionsInput!) { searchSolutions(input: $input) { estimatedTotalHits facets { name values { value count } } hits { score highlights { field snippet } solution { id name organisation { name } } } } }`;
    const graphqlTimes = await timeQueries(async (q) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          query: document,
          variables: {
            input: { query: q.query, first: 20, sectors: q.sectors, minTrl: q.minTrl, facets: q.facets?.map((facet) => GRAPHQL_FACETS[facet]) },
          },
        }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    }, rounds);
    server.close();
    await pilotline.close();

    // After the keyword figures, so those stay comparable with runs before vectors existed.
    const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    const semantic = values.semantic
      ? await semanticFigures(
          engine,
          'solutions',
          documents,
          (document) => solutionSearchSource.embeddingText!(document),
          QUERIES.map((q) => ({
            query: q.query,
            limit: 20,
            ...(q.facets ? { facets: q.facets } : {}),
            ...(q.sectors ? { filter: f.in('sectors', q.sectors) } : q.minTrl ? { filter: f.gte('trl', q.minTrl) } : {}),
            highlight: { fields: ['name', 'summary'], preTag: '<mark>', postTag: '</mark>' },
          })),
          rounds,
          (message) => process.stderr.write(`${message}\n`),
        )
      : {};

    const figures = {
      benchmark: 'search',
      engine: engine.name,
      documents: size,
      indexBuildMs,
      directP50Ms: direct.p50,
      directP95Ms: direct.p95,
      graphqlP50Ms: graphqlTimes.p50,
      graphqlP95Ms: graphqlTimes.p95,
      queriesTimed: direct.samples,
      rssMb,
      ...semantic,
    };
    if (values.json) console.log(JSON.stringify(figures));
    else console.table(figures);
    await mongoose.disconnect();
  } finally {
    await mongo.stop();
  }
}
