import { readFileSync } from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import autocannon, { type Request as CannonRequest, type Result } from 'autocannon';
import express from 'express';
import mongoose from 'mongoose';
import { loadConfig } from '../server/src/config/config';
import { createLogger } from '../server/src/shared/logger';
import { connectDatabase } from '../server/src/db/connection';
import { trusted } from '../server/src/db/trusted';
import { startLocalMongo } from '../server/dev/local-mongo';
import { MemoryMailer } from '../server/src/mail/mailer';
import { createApp } from '../server/src/app';
import { SearchRuntime } from '../server/src/search-sync/search-runtime';
import { EmbeddedSearchEngine } from '../server/src/search/adapters/embedded/embedded-search-engine';
import { searchSources } from '../server/src/search-sources';
import { ChallengeModel } from '../server/src/challenges/challenge.model';
import { OrganisationModel } from '../server/src/organisations/organisation.model';
import { DEMO_PASSWORD, seedDemo } from '../seeds/seed-demo';
import { seedingContext } from '../seeds/seed-context';
import { limitHeapGrowth } from '../server/src/shared/heap-growth';

/**
 * `npm run bench -- api [--duration 60] [--connections 50]`: one in-process server on the demo
 * data. Phase 1 is a mixed read load through GraphQL (search, the challenge list with its
 * organisations, a challenge's detail). Phases 2 and 3 serve the same list (20 open challenges
 * with their organisations) through GraphQL and through a bare JSON endpoint over the same
 * models, for the ratio of the two.
 *
 * `npm run bench -- soak [--minutes 10] [--connections 10]`: reads and writes (the owner of the
 * demo start-up CareCadence editing its profile) for the given time, printing RSS, heap (after a
 * full GC) and off-heap memory every minute, then the drift and a verdict (see printDriftVerdict).
 */

const LIST_QUERY = `query BenchChallengeList($first: Int) {
  challenges(first: $first, filter: { status: OPEN }) {
    totalCount
    edges { node { id title summary sectors region budgetMinGbp budgetMaxGbp responseDeadline minTrl status
      organisation { id name kind publicBodyType region verified } } }
  }
}`;

const DETAIL_QUERY = `query BenchChallenge($id: ID!) {
  challenge(id: $id) {
    id title summary what why how sectors tags region budgetMinGbp budgetMaxGbp pilotLengthWeeks responseDeadline minTrl
    requiredAccreditations status publishedAt
    kpis { name baseline target unit direction }
    organisation { id name kind publicBodyType region website description verified }
    viewerCan { update respond }
    allowedEvents
  }
}`;

const SEARCH_QUERY = `query BenchSearch($input: SearchChallengesInput!) {
  searchChallenges(input: $input) {
    estimatedTotalHits
    facets { name values { value count } }
    hits { score highlights { field snippet } challenge { id title summary organisation { id name } } }
  }
}`;

const SEARCH_WORDS = ['waste', 'social care', 'flood', 'housing repairs', 'air quality', 'schools', 'library', 'transport', 'digital', 'health'];

function graphqlRequest(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): CannonRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  };
}

/** The bare endpoint: the same 20 open challenges and their organisations, straight from the models to JSON. */
function bareListRoute(): express.RequestHandler {
  return async (_req, res, next) => {
    try {
      const challenges = await ChallengeModel.find({ status: 'OPEN' }).sort({ _id: -1 }).limit(20).lean();
      const organisationIds = [...new Set(challenges.map((challenge) => challenge.organisationId.toHexString()))];
      const organisations = await OrganisationModel.find({ _id: trusted({ $in: organisationIds.map((id) => new mongoose.Types.ObjectId(id)) }) }).lean();
      const byId = new Map(organisations.map((org) => [org._id.toHexString(), org]));
      const totalCount = await ChallengeModel.countDocuments({ status: 'OPEN' });
      res.json({
        totalCount,
        edges: challenges.map((challenge) => {
          const org = byId.get(challenge.organisationId.toHexString());
          return {
            node: {
              id: challenge._id.toHexString(),
              title: challenge.title,
              summary: challenge.summary,
              sectors: challenge.sectors,
              region: challenge.region,
              budgetMinGbp: challenge.budgetMinGbp,
              budgetMaxGbp: challenge.budgetMaxGbp,
              responseDeadline: challenge.responseDeadline,
              minTrl: challenge.minTrl,
              status: challenge.status,
              organisation: org && { id: org._id.toHexString(), name: org.name, kind: org.kind, publicBodyType: org.publicBodyType ?? null, region: org.region ?? null, verified: org.verified },
            },
          };
        }),
      });
    } catch (error) {
      next(error);
    }
  };
}

interface BenchServer {
  url: string;
  close(): Promise<void>;
}

/** Local MongoDB (in memory), the demo seeded through the services, the app and the bare route on one port. */
async function startBenchServer(): Promise<BenchServer> {
  // As the server itself does, so the figures are those of the product's heap.
  limitHeapGrowth();
  const localMongo = await startLocalMongo({ backend: 'memory', port: 0 });
  const config = loadConfig({ APP_ENV: 'test', MONGODB_URI: localMongo.uri, MONGODB_DB: 'bench_api', MAIL_DRIVER: 'memory', LOG_LEVEL: 'silent', LOGIN_MAX_ATTEMPTS: '1000' });
  const logger = createLogger('silent');
  await connectDatabase(localMongo.uri, config.mongo.dbName, logger, 30_000);
  const seedStarted = Date.now();
  await seedDemo(seedingContext(config, logger), { log: () => undefined });
  console.log(`demo seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
  const search = new SearchRuntime(new EmbeddedSearchEngine(), searchSources, logger, { leaseMs: 30_000 });
  await search.start({ rebuildFromDatabase: true, runIndexer: true });
  const pilotline = await createApp({ config, logger, mailer: new MemoryMailer(), search });
  const outer = express();
  outer.get('/bench/challenges', bareListRoute());
  outer.use(pilotline.app);
  const server: Server = http.createServer(outer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pilotline.close();
      await search.stop();
      await mongoose.disconnect();
      await localMongo.stop();
    },
  };
}

async function openChallengeIds(url: string): Promise<string[]> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query { challenges(first: 100, filter: { status: OPEN }) { edges { node { id } } } }' }),
  });
  const body = (await response.json()) as { data: { challenges: { edges: { node: { id: string } }[] } } };
  return body.data.challenges.edges.map((edge) => edge.node.id);
}

function cannon(options: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

interface PhaseFigures {
  phase: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  requests: number;
}

function figures(phase: string, result: Result): PhaseFigures {
  return {
    phase,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

/** Counts GraphQL errors in 200 answers too (autocannon only sees HTTP statuses), and prints the first of each message. */
function countGraphQLErrors(counter: { errors: number; seen?: Set<string> }) {
  return (_status: number, body: string) => {
    if (!body.includes('"errors"')) return;
    counter.errors += 1;
    const seen = (counter.seen ??= new Set());
    const message = body.slice(0, 400);
    const kind = /"message":"([^"]*)"/.exec(body)?.[1] ?? message;
    if (!seen.has(kind)) {
      seen.add(kind);
      console.log(`GraphQL error: ${message}`);
    }
  };
}

export async function runApiBench(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { duration: { type: 'string', default: '60' }, connections: { type: 'string', default: '50' } },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const server = await startBenchServer();
  try {
    const ids = await openChallengeIds(server.url);
    const mixed: CannonRequest[] = [];
    for (let index = 0; index < 10; index += 1) {
      mixed.push(graphqlRequest(SEARCH_QUERY, { input: { query: SEARCH_WORDS[index % SEARCH_WORDS.length], facets: ['SECTORS', 'REGION'] } }));
      mixed.push(graphqlRequest(LIST_QUERY, { first: 20 }));
      mixed.push(graphqlRequest(DETAIL_QUERY, { id: ids[index % ids.length] }));
    }
    console.log(`${ids.length} open challenges; ${connections} connections`);
    const phases: PhaseFigures[] = [];
    const graphQLErrors = { errors: 0 };

    console.log(`phase 1: mixed GraphQL reads (search, list with organisations, detail) for ${duration} s`);
    phases.push(figures('GraphQL mixed', await cannon({ url: server.url, connections, duration, requests: mixed.map((request) => ({ ...request, onResponse: countGraphQLErrors(graphQLErrors) })) })));

    const listDuration = Math.max(5, Math.round(duration / 3));
    console.log(`phase 2: the challenge list through GraphQL for ${listDuration} s`);
    const list = graphqlRequest(LIST_QUERY, { first: 20 });
    phases.push(figures('GraphQL list', await cannon({ url: server.url, connections, duration: listDuration, requests: [{ ...list, onResponse: countGraphQLErrors(graphQLErrors) }] })));

    console.log(`phase 3: the same list from a bare JSON endpoint for ${listDuration} s`);
    phases.push(figures('bare JSON list', await cannon({ url: `${server.url}/bench/challenges`, connections, duration: listDuration })));

    console.table(phases);
    const [, graphqlList, bareList] = phases;
    const ratio = graphqlList && bareList ? graphqlList.requestsPerSecond / bareList.requestsPerSecond : NaN;
    const failures = phases.reduce((sum, phase) => sum + phase.errors + phase.non2xx, 0) + graphQLErrors.errors;
    console.log(`GraphQL / bare JSON (list): ${ratio.toFixed(2)} (target ≥ 0.6)`);
    console.log(`errors: ${failures} (transport ${phases.reduce((sum, phase) => sum + phase.errors, 0)}, non-2xx ${phases.reduce((sum, phase) => sum + phase.non2xx, 0)}, GraphQL errors ${graphQLErrors.errors}) (target 0)`);
  } finally {
    await server.close();
  }
}

/** A full GC before each reading, so the heap figure is what stays alive rather than where the sawtooth happens to be. */
function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`demo sign-in failed for ${email}: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

interface MemoryReading {
  minute: number;
  rssMb: number;
  /** RSS that is anonymous memory (malloc, V8, buffers), as opposed to mapped files such as the node binary. */
  rssAnonMb: number;
  heapUsedMb: number;
  /** Pages of V8's heap that are resident, used or not: what the heap costs in RSS. */
  heapResidentMb: number;
  /** The part of it that is the young generation, which V8 grows and shrinks with the allocation rate. */
  youngResidentMb: number;
  /** Memory V8 holds for objects outside its heap (Buffers, ArrayBuffers, native addons' reports). */
  externalMb: number;
  arrayBuffersMb: number;
  requests: number;
  /** The lowest and highest RSS sampled every few seconds during the minute, without a forced GC: what an operator would see. */
  rssUnderLoadMb: { low: number; high: number };
  /** Per heap space (new, old, code, large-object, ...): which one holds resident pages the live heap does not need. */
  spaces: SpaceReading[];
}

interface SpaceReading {
  space: string;
  usedMb: number;
  availableMb: number;
  residentMb: number;
}

const megabytes = (bytes: number) => Math.round(bytes / 1e6);
const UNMAP_PAUSE_MS = 1000;
const RSS_SAMPLE_MS = 5000;

/**
 * Reads after a full GC and a pause: V8 frees the pages the GC emptied at once but unmaps them from
 * a helper thread, so RSS read at once still counts garbage the GC has just found. RssAnon comes
 * from /proc (Linux), so file-backed pages such as the node binary do not blur the figure.
 */
async function readMemory(gc: () => void, minute: number, requests: () => number, underLoad: readonly number[] = []): Promise<MemoryReading> {
  const rssUnderLoadMb = { low: megabytes(Math.min(...underLoad)), high: megabytes(Math.max(...underLoad)) };
  gc();
  await new Promise((resolve) => setTimeout(resolve, UNMAP_PAUSE_MS));
  const memory = process.memoryUsage();
  const rssAnonKb = /RssAnon:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  const youngSpaces = v8.getHeapSpaceStatistics().filter((space) => space.space_name.startsWith('new_'));
  return {
    minute,
    rssMb: megabytes(memory.rss),
    rssAnonMb: rssAnonKb ? megabytes(Number(rssAnonKb) * 1024) : NaN,
    heapUsedMb: megabytes(memory.heapUsed),
    heapResidentMb: megabytes(v8.getHeapStatistics().total_physical_size),
    youngResidentMb: megabytes(youngSpaces.reduce((sum, space) => sum + space.physical_space_size, 0)),
    externalMb: megabytes(memory.external),
    arrayBuffersMb: megabytes(memory.arrayBuffers),
    requests: requests(),
    rssUnderLoadMb,
    spaces: v8
      .getHeapSpaceStatistics()
      .filter((space) => space.physical_space_size > 0)
      .map((space) => ({
        space: space.space_name.replace(/_space$/, ''),
        usedMb: megabytes(space.space_used_size),
        availableMb: megabytes(space.space_available_size),
        residentMb: megabytes(space.physical_space_size),
      })),
  };
}

/** One line per minute: each space as used / resident (available to allocate), in MB. */
function describeSpaces(reading: MemoryReading): string {
  return reading.spaces.map((space) => `${space.space} ${space.usedMb}/${space.residentMb} (${space.availableMb})`).join(', ');
}

function describeReading(reading: MemoryReading): string {
  const underLoad = Number.isFinite(reading.rssUnderLoadMb.low) ? `, ${reading.rssUnderLoadMb.low}–${reading.rssUnderLoadMb.high} MB under load` : '';
  return `RSS ${reading.rssMb} MB${underLoad} (anonymous ${reading.rssAnonMb} MB), heap ${reading.heapUsedMb} MB (resident ${reading.heapResidentMb} MB, young ${reading.youngResidentMb} MB), external ${reading.externalMb} MB (ArrayBuffers ${reading.arrayBuffersMb} MB)`;
}

type DriftFigure = 'rssMb' | 'heapUsedMb' | 'heapResidentMb' | 'rssOutsideHeapMb';

/** RSS that is neither V8's heap nor file-backed: malloc (native code, Buffers), the threadpool, the allocator's slack. */
const outsideHeap = (reading: MemoryReading) => reading.rssAnonMb - reading.heapResidentMb;

/**
 * Drift is the largest |reading - baseline| / baseline over every minute's reading. The baseline is the
 * minute-2 reading, the first after a minute of warm-up (V8 tiers code up and the allocator reaches its
 * working set under load); the drift from the minute-1 reading is printed beside it, so the choice of
 * baseline hides nothing. RSS is split into V8's resident heap and what lies outside it, so a drift
 * says which of the two moved.
 */
function printDriftVerdict(readings: readonly MemoryReading[]): void {
  const [first, afterWarmUp = first] = readings;
  if (!first || !afterWarmUp) throw new Error('the soak ended before its first reading');
  const value = (reading: MemoryReading, key: DriftFigure) => (key === 'rssOutsideHeapMb' ? outsideHeap(reading) : reading[key]);
  const drift = (key: DriftFigure, baseline: MemoryReading) =>
    Math.max(...readings.map((reading) => Math.abs(value(reading, key) - value(baseline, key)) / value(baseline, key))) * 100;
  const describe = (label: string, key: DriftFigure) => {
    const values = readings.map((reading) => value(reading, key));
    return `${label} ${Math.min(...values)}–${Math.max(...values)} MB, drift ${drift(key, afterWarmUp).toFixed(1)} % from minute ${afterWarmUp.minute}, ${drift(key, first).toFixed(1)} % from minute 1`;
  };
  console.log(`over minutes 1–${readings.length}:`);
  console.log(`  ${describe('RSS', 'rssMb')}`);
  console.log(`  ${describe('heap (live, after GC)', 'heapUsedMb')}`);
  console.log(`  ${describe("V8's resident heap", 'heapResidentMb')}`);
  console.log(`  ${describe("anonymous RSS outside V8's heap", 'rssOutsideHeapMb')}`);
  const underLoad = readings.filter((reading) => reading.minute >= afterWarmUp.minute && Number.isFinite(reading.rssUnderLoadMb.low));
  if (underLoad.length > 0) {
    const low = Math.min(...underLoad.map((reading) => reading.rssUnderLoadMb.low));
    const high = Math.max(...underLoad.map((reading) => reading.rssUnderLoadMb.high));
    console.log(`  RSS under load (every ${RSS_SAMPLE_MS / 1000} s, no forced GC), minutes ${afterWarmUp.minute}–${readings.length}: ${low}–${high} MB`);
  }
  const flat = drift('rssMb', afterWarmUp) <= 10 && drift('heapUsedMb', afterWarmUp) <= 10;
  console.log(`memory ${flat ? 'FLAT' : 'NOT FLAT'} (target: RSS and heap drift within 10 % from minute ${afterWarmUp.minute})`);
}

export async function runSoakBench(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { minutes: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
  });
  const minutes = Number(values.minutes);
  const connections = Number(values.connections);
  const gc = collectGarbage();
  const server = await startBenchServer();
  try {
    const ids = await openChallengeIds(server.url);
    const cookie = await signIn(server.url, 'sophie.lindqvist@carecadence.example');
    const viewer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ viewer { organisations { role organisation { id } } } }' }),
    });
    const ownOrganisation = ((await viewer.json()) as { data: { viewer: { organisations: { role: string; organisation: { id: string } }[] } } }).data.viewer.organisations.find((entry) => entry.role === 'OWNER')?.organisation.id;
    if (!ownOrganisation) throw new Error('the owner of the demo start-up CareCadence owns no organisation');
    const update = 'mutation BenchUpdate($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }';
    const requests: CannonRequest[] = [];
    for (let index = 0; index < 10; index += 1) {
      requests.push(graphqlRequest(SEARCH_QUERY, { input: { query: SEARCH_WORDS[index % SEARCH_WORDS.length] } }));
      requests.push(graphqlRequest(LIST_QUERY, { first: 20 }));
      requests.push(graphqlRequest(DETAIL_QUERY, { id: ids[index % ids.length] }));
      requests.push(graphqlRequest(update, { input: { organisationId: ownOrganisation, description: `Soak edit ${index}: scheduling and rostering for domiciliary care.` } }, { cookie }));
    }
    const graphQLErrors = { errors: 0 };
    const readings: MemoryReading[] = [];
    let requestsSoFar = 0;
    let finish: (result: Result) => void = () => undefined;
    const done = new Promise<Result>((resolve) => (finish = resolve));
    const before = await readMemory(gc, 0, () => 0);
    console.log(`before the load: ${describeReading(before)}`);
    console.log(`  spaces, used/resident (available) MB: ${describeSpaces(before)}`);
    const instance = autocannon(
      {
        url: server.url,
        connections,
        duration: minutes * 60,
        requests: requests.map((request) => ({ ...request, onResponse: countGraphQLErrors(graphQLErrors) })),
      },
      (error, result) => (error ? console.error(error) : finish(result)),
    );
    instance.on('response', () => (requestsSoFar += 1));
    let lastReading = Promise.resolve();
    let underLoad: number[] = [];
    const rssSampler = setInterval(() => underLoad.push(process.memoryUsage.rss()), RSS_SAMPLE_MS);
    const takeUnderLoad = () => {
      const samples = underLoad;
      underLoad = [];
      return samples;
    };
    const sampler = setInterval(() => {
      const minute = readings.length + 1;
      lastReading = readMemory(gc, minute, () => requestsSoFar, takeUnderLoad()).then((reading) => {
        readings.push(reading);
        console.log(`minute ${reading.minute}: ${describeReading(reading)}, ${reading.requests} requests so far`);
        console.log(`  spaces, used/resident (available) MB: ${describeSpaces(reading)}`);
      });
    }, 60_000);
    const result = await done;
    clearInterval(sampler);
    clearInterval(rssSampler);
    await lastReading;
    // The load can end just before the last minute's tick.
    if (readings.length < minutes) readings.push(await readMemory(gc, readings.length + 1, () => requestsSoFar, takeUnderLoad()));
    console.table(readings.map(({ spaces: _spaces, rssUnderLoadMb, ...figures }) => ({ ...figures, rssLowMb: rssUnderLoadMb.low, rssHighMb: rssUnderLoadMb.high })));
    console.log(`requests ${result.requests.total} (${Math.round(result.requests.average)}/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    console.log(`errors: transport ${result.errors + result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${graphQLErrors.errors}`);
    printDriftVerdict(readings);
  } finally {
    await server.close();
  }
}
