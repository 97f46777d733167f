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

/**
 * `npm run bench -- api [--duration 60] [--connections 50]`: one in-process server on the demo
 * data. Phase 1 is a mixed read load through GraphQL (search, the challenge list with its
 * organisations, a challenge's detail). Phases 2 and 3 serve the same list (20 open challenges
 * with their organisations) through GraphQL and through a bare JSON endpoint over the same
 * models, for the ratio of the two.
 *
 * `npm run bench -- soak [--minutes 10] [--connections 10]`: reads and writes (the owner of the
 * demo start-up CareCadence editing its profile) for the given time, printing RSS and heap (after
 * a full GC) every minute and the largest drift from the first minute.
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

/** Counts GraphQL errors in 200 answers too: autocannon only sees HTTP statuses. */
function countGraphQLErrors(counter: { errors: number }) {
  return (_status: number, body: string) => {
    if (body.includes('"errors"')) counter.errors += 1;
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
    const readings: { minute: number; rssMb: number; heapUsedMb: number; requests: number }[] = [];
    let requestsSoFar = 0;
    let finish: (result: Result) => void = () => undefined;
    const done = new Promise<Result>((resolve) => (finish = resolve));
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
    const sampler = setInterval(() => {
      gc();
      const memory = process.memoryUsage();
      const reading = { minute: readings.length + 1, rssMb: Math.round(memory.rss / 1e6), heapUsedMb: Math.round(memory.heapUsed / 1e6), requests: requestsSoFar };
      readings.push(reading);
      console.log(`minute ${reading.minute}: RSS ${reading.rssMb} MB, heap ${reading.heapUsedMb} MB, ${reading.requests} requests so far`);
    }, 60_000);
    const result = await done;
    clearInterval(sampler);
    const [first] = readings;
    if (!first) throw new Error('the soak ended before its first reading');
    const drift = (key: 'rssMb' | 'heapUsedMb') => Math.max(...readings.map((reading) => Math.abs(reading[key] - first[key]) / first[key])) * 100;
    console.log(`requests ${result.requests.total} (${Math.round(result.requests.average)}/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    console.log(`errors: transport ${result.errors + result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${graphQLErrors.errors}`);
    console.log(`largest drift from minute 1: RSS ${drift('rssMb').toFixed(1)} %, heap ${drift('heapUsedMb').toFixed(1)} % (target within 10 %)`);
  } finally {
    await server.close();
  }
}
