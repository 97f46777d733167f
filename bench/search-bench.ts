import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import mongoose, { Types } from 'mongoose';
import { EmbeddedSearchEngine } from '../server/src/search/adapters/embedded/embedded-search-engine';
import { MeilisearchSearchEngine } from '../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import { createNodeHttpClient } from '../server/src/search/adapters/meilisearch/node-http-client';
import { f } from '../server/src/search/filter';
import type { SearchDocument, SearchEngine, SearchRequest } from '../server/src/search/search-engine';
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
import { mulberry32 } from './lib/random';
import { semanticFigures } from './lib/semantic-figures';

/**
 * `npm run bench -- search --size N [--json]`: builds an index of N synthetic solutions made from
 * the demo vocabulary, then times short and long queries directly on the engine and short ones
 * through GraphQL (`searchSolutions` over HTTP, with the same N records in the database), and
 * reports memory. With MEILI_HOST set, Meilisearch runs the same documents and queries in the
 * same run, and each figure gets its embedded/Meilisearch ratio.
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

function readSeedSolutions(): SeedSolution[] {
  const directory = path.join(__dirname, '..', 'seeds', 'data');
  return fs
    .readdirSync(directory)
    .filter((file) => file.startsWith('solutions-'))
    .flatMap((file) => JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as SeedSolution[]);
}

/** N solution records recombined from the demo's sentences and vocabulary, deterministically (the dashboard bench reuses them). */
export function syntheticSolutions(size: number, organisationIds: Types.ObjectId[]) {
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

/**
 * Writes N synthetic solutions to the database and returns their search documents. The records
 * themselves are not kept, so the bench process's RSS is the engine's and the documents', not theirs.
 */
async function storeSyntheticSolutions(size: number, organisationIds: Types.ObjectId[]): Promise<SearchDocument[]> {
  const records = syntheticSolutions(size, organisationIds);
  for (let start = 0; start < records.length; start += 5000) {
    await SolutionModel.collection.insertMany(records.slice(start, start + 5000));
  }
  return solutionSearchSource.toDocuments(records as never);
}

type BenchQuery = (typeof QUERIES)[number];

/** Long, document-like queries (30 words of a demo challenge's own description), as the matcher sends. */
function longQueries(): BenchQuery[] {
  const directory = path.join(__dirname, '..', 'seeds', 'data');
  return fs
    .readdirSync(directory)
    .filter((file) => file.startsWith('challenges-'))
    .flatMap((file) => JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as Array<{ what: string }>)
    .filter((_challenge, position) => position % 8 === 0)
    .map((challenge) => ({ query: challenge.what.split(/\s+/).slice(0, 30).join(' ') }));
}

interface Timing {
  p50: number;
  p95: number;
  /** The engine's own processingTimeMs at the same percentiles, beside the round trip. */
  engineP50: number;
  engineP95: number;
  samples: number;
  /** p95 of each query's own round trips, by query text. */
  p95ByQuery: Map<string, number>;
}

async function timeQueries(queries: BenchQuery[], run: (query: BenchQuery) => Promise<{ processingTimeMs?: number } | void>, rounds: number): Promise<Timing> {
  for (const query of queries) await run(query); // warm-up
  const samples: number[] = [];
  const reported: number[] = [];
  const byQuery = new Map<string, number[]>();
  for (let round = 0; round < rounds; round += 1) {
    for (const query of queries) {
      const startedAt = performance.now();
      const response = await run(query);
      const elapsed = performance.now() - startedAt;
      samples.push(elapsed);
      byQuery.set(query.query, [...(byQuery.get(query.query) ?? []), elapsed]);
      if (response && typeof response.processingTimeMs === 'number') reported.push(response.processingTimeMs);
    }
  }
  const figure = (values: number[], p: number) => Number(percentile(values, p).toFixed(2));
  return {
    p50: figure(samples, 50),
    p95: figure(samples, 95),
    engineP50: figure(reported, 50),
    engineP95: figure(reported, 95),
    samples: samples.length,
    p95ByQuery: new Map([...byQuery].map(([query, times]) => [query, figure(times, 95)])),
  };
}

function engineRequest(q: BenchQuery): SearchRequest {
  return {
    query: q.query,
    limit: 20,
    ...(q.facets ? { facets: q.facets } : {}),
    ...(q.sectors ? { filter: f.in('sectors', q.sectors) } : q.minTrl ? { filter: f.gte('trl', q.minTrl) } : {}),
    highlight: { fields: ['name', 'summary'], preTag: '<mark>', postTag: '</mark>' },
  };
}

/** Build time and query times of one engine on the bench's documents. */
async function benchEngine(engine: SearchEngine, documents: SearchDocument[], rounds: number) {
  await engine.ensureIndex('solutions', solutionSearchSource.settings);
  const buildStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let start = 0; start < documents.length; start += 5000) await engine.upsertDocuments('solutions', documents.slice(start, start + 5000));
  const buildMs = Math.round(performance.now() - buildStarted);
  const cpu = process.cpuUsage(cpuStarted);
  // On a shared machine the wall time mostly measures the others' load; this process's CPU time does not.
  const buildCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const run = (q: BenchQuery) => engine.search('solutions', engineRequest(q));
  return { buildMs, buildCpuMs, short: await timeQueries(QUERIES, run, rounds), long: await timeQueries(longQueries(), run, rounds) };
}

/** Meilisearch's database size on disk and, given its process id, its resident memory. */
async function meilisearchFootprint(host: string, masterKey: string, pid: string | undefined) {
  const stats = (await (await fetch(new URL('/stats', host), { headers: { Authorization: `Bearer ${masterKey}` } })).json()) as { databaseSize: number };
  const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return { diskMb: Math.round(stats.databaseSize / 1024 / 1024), rssMb: Number.isNaN(rssKb) ? undefined : Math.round(rssKb / 1024) };
}

/**
 * Runs the search benchmark with the arguments after `search`: the embedded engine always, and
 * Meilisearch through our adapter on the same documents and queries when MEILI_HOST and
 * MEILI_MASTER_KEY are set (`--meilisearch-pid PID` adds its RSS).
 */
export async function runSearchBench(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      size: { type: 'string', default: '10000' },
      json: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '10' },
      'meilisearch-pid': { type: 'string' },
      'keyword-only': { type: 'boolean', default: false },
    },
  });
  const size = Number(values.size);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(size) || size < 1) throw new Error('--size must be a positive integer');
  const meiliHost = process.env.MEILI_HOST;
  const meiliKey = process.env.MEILI_MASTER_KEY;

  const mongo = await startLocalMongo({ backend: 'memory', port: 0 });
  try {
    const logger = createLogger('silent');
    await connectDatabase(mongo.uri, `bench_${Date.now()}`, logger);
    const organisations = await OrganisationModel.insertMany(
      Array.from({ length: 40 }, (_unused, index) => ({ name: `Bench start-up ${index}`, kind: 'STARTUP', verified: true })),
    );
    const documents = await storeSyntheticSolutions(size, organisations.map((org) => org._id));

    const engine = new EmbeddedSearchEngine();
    const embedded = await benchEngine(engine, documents, rounds);
    const embeddedRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);

    const search = new SearchRuntime(engine, searchSources, logger);
    await search.start({ rebuildFromDatabase: false, runIndexer: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const config = loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: mongo.uri, SESSION_SECRET: 'x'.repeat(40) });
    const pilotline = await createApp({ config, logger, mailer: new MemoryMailer(), search });
    const server = pilotline.app.listen(0);
    const port = (server.address() as { port: number }).port;
    const document = `query($input: SearchSolutionsInput!) { searchSolutions(input: $input) { estimatedTotalHits processingTimeMs facets { name values { value count } } hits { score highlights { field snippet } solution { id name organisation { name } } } } }`;
    // Node's fetch would add its own delayed-ACK wait to every request (see node-http-client.ts), which no browser pays.
    const post = createNodeHttpClient();
    const graphqlTimes = await timeQueries(QUERIES, async (q) => {
      const body = (await post(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          query: document,
          variables: {
            input: { query: q.query, first: 20, sectors: q.sectors, minTrl: q.minTrl, facets: q.facets?.map((facet) => GRAPHQL_FACETS[facet]) },
          },
        }),
      })) as { errors?: unknown; data?: { searchSolutions: { processingTimeMs: number } } };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data?.searchSolutions;
    }, rounds);
    server.close();
    await pilotline.close();

    // After the keyword figures, so those stay comparable with runs before vectors existed.
    const semantic = values['keyword-only']
      ? undefined
      : await semanticFigures(
          engine,
          'solutions',
          solutionSearchSource.settings,
          documents,
          (document) => solutionSearchSource.embeddingText!(document),
          QUERIES.map(engineRequest),
          rounds,
          (message) => process.stderr.write(`${message}\n`),
        );

    let meilisearch: (Awaited<ReturnType<typeof benchEngine>> & { diskMb: number; rssMb?: number }) | undefined;
    if (meiliHost && meiliKey) {
      const meili = new MeilisearchSearchEngine({ host: meiliHost, adminKey: meiliKey, indexPrefix: `bench_${Date.now()}_`, taskTimeoutMs: 30 * 60_000 });
      try {
        const measured = await benchEngine(meili, documents, rounds);
        meilisearch = { ...measured, ...(await meilisearchFootprint(meiliHost, meiliKey, values['meilisearch-pid'])) };
      } finally {
        await meili.deleteIndex('solutions');
      }
    }

    const row = (figure: string, embeddedValue: number | undefined, meiliValue?: number) => ({
      figure,
      embedded: embeddedValue,
      meilisearch: meiliValue,
      'embedded / meilisearch': embeddedValue !== undefined && meiliValue ? Number((embeddedValue / meiliValue).toFixed(2)) : undefined,
    });
    const rows = [
      row('index build (ms)', embedded.buildMs, meilisearch?.buildMs),
      row('index build, CPU time of the bench process (ms)', embedded.buildCpuMs),
      row('short queries (1-4 words) p50 (ms)', embedded.short.p50, meilisearch?.short.p50),
      row('short queries p95 (ms)', embedded.short.p95, meilisearch?.short.p95),
      row('long queries (30 words) p50 (ms)', embedded.long.p50, meilisearch?.long.p50),
      row('long queries p95 (ms)', embedded.long.p95, meilisearch?.long.p95),
      row("engine's own processingTimeMs, short p50 / p95", embedded.short.engineP50, meilisearch?.short.engineP50),
      row('', embedded.short.engineP95, meilisearch?.short.engineP95),
      row("engine's own processingTimeMs, long p50 / p95", embedded.long.engineP50, meilisearch?.long.engineP50),
      row('', embedded.long.engineP95, meilisearch?.long.engineP95),
      row('empty query with 3 facets p95 (ms)', embedded.short.p95ByQuery.get(''), meilisearch?.short.p95ByQuery.get('')),
      row("'waste' (a common word) with 3 facets p95 (ms)", embedded.short.p95ByQuery.get('waste'), meilisearch?.short.p95ByQuery.get('waste')),
      row('GraphQL short p50 (ms)', graphqlTimes.p50),
      row('GraphQL short p95 (ms)', graphqlTimes.p95),
      row("GraphQL short: the engine's processingTimeMs inside it, p50 / p95", graphqlTimes.engineP50),
      row('', graphqlTimes.engineP95),
      row('GraphQL p95 / engine short p95', Number((graphqlTimes.p95 / embedded.short.p95).toFixed(2))),
      row('RSS (MB): bench process / Meilisearch server', embeddedRssMb, meilisearch?.rssMb),
      row('Meilisearch database on disk (MB)', undefined, meilisearch?.diskMb),
      ...(semantic
        ? [
            row('embedding throughput (documents/s: one model thread, two inference threads)', semantic.embedDocsPerSecond),
            row('hybrid queries p50 (ms, query embedding included)', semantic.hybridP50Ms),
            row('hybrid queries p95 (ms)', semantic.hybridP95Ms),
            row('hybrid ranking alone, query vector ready, p50 / p95 (ms)', semantic.rankingP50Ms),
            row('hybrid ranking alone p95 (ms)', semantic.rankingP95Ms),
            row('hybrid ranking alone p95, CPU time (ms)', semantic.rankingCpuP95Ms),
            row('RSS with vectors (MB), serving queries, document model thread stopped', semantic.rssMbWithVectors),
            row('RSS with vectors (MB), document model thread running', semantic.rssMbWhileEmbedding),
          ]
        : []),
    ];
    if (values.json) console.log(JSON.stringify({ benchmark: 'search', documents: size, rounds, rows }));
    else {
      console.log(`search bench: ${size} solutions, ${rounds} rounds of ${QUERIES.length} short and ${longQueries().length} long queries`);
      console.table(rows);
    }
    await mongoose.disconnect();
  } finally {
    await mongo.stop();
  }
}
