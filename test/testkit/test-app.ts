import crypto from 'node:crypto';
import mongoose from 'mongoose';
import request from 'supertest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { loadConfig, type Config } from '../../server/src/config/config';
import { createLogger } from '../../server/src/shared/logger';
import { connectDatabase } from '../../server/src/db/connection';
import { MemoryMailer, type Mailer } from '../../server/src/mail/mailer';
import type { DestinationStream } from 'pino';
import { createApp } from '../../server/src/app';
import { bootstrapPlatform } from '../../server/src/organisations/platform-bootstrap.service';
import type { ReadinessCheck } from '../../server/src/health/health.routes';
import type { SearchEngine } from '../../server/src/search/search-engine';
import type { Embedder } from '../../server/src/search/embedder';
import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { SearchRuntime } from '../../server/src/search-sync/search-runtime';
import type { EventDispatcher } from '../../server/src/events/event-dispatcher';
import { workerEventDispatcher } from '../../server/src/worker-jobs';
import { searchSources } from '../../server/src/search-sources';
import { loggingEventSink, serviceContext, type ServiceContext } from '../../server/src/context/service-context';
import { systemActor, type Actor } from '../../server/src/shared/actor';
import { loadUserActor } from '../../server/src/organisations/user-actor.service';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A GraphQL response as tests see it. */
export interface GraphQLResult<TData> {
  status: number;
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** Operations whose variables are all optional may be called without them. */
type OptionalWhenEmpty<TVariables> = Record<string, never> extends TVariables ? [TVariables?] : [TVariables];

/** One browser-like client: keeps its cookies across requests, like a signed-in person. */
export class TestSession {
  readonly agent: ReturnType<typeof request.agent>;

  constructor(readonly testApp: TestApp) {
    this.agent = request.agent(testApp.pilotline.app);
  }

  /** Runs a typed operation and returns status, data and errors without throwing. */
  async gql<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...[variables]: OptionalWhenEmpty<TVariables>
  ): Promise<GraphQLResult<TData>> {
    const response = await this.agent
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ query: print(document), variables: variables ?? {} });
    return { status: response.status, data: response.body.data, errors: response.body.errors };
  }

  /** Like `gql`, but fails the test on any error and returns the data. */
  async gqlOk<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: OptionalWhenEmpty<TVariables>
  ): Promise<TData> {
    const result = await this.gql(document, ...variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL failed (${result.status}): ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  }

  post(path: string, body: unknown) {
    return this.agent.post(path).set('Content-Type', 'application/json').send(JSON.stringify(body));
  }

  async login(email: string, password = TEST_PASSWORD) {
    const response = await this.post('/auth/login', { email, password });
    if (response.status !== 200) throw new Error(`login failed for ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return this;
  }
}

/** A Pilotline app running in-process on its own database of the shared test server. */
export class TestApp {
  private adminSession?: Promise<TestSession>;

  constructor(
    readonly pilotline: Awaited<ReturnType<typeof createApp>>,
    readonly mailer: MemoryMailer,
    readonly config: Config,
    /** Present when the app was started with search; tests drain its indexer explicitly. */
    readonly search?: SearchRuntime,
    /** The production domain-event consumers, as the worker loop runs them; not started: tests drain it explicitly. */
    readonly dispatcher?: EventDispatcher,
  ) {}

  session(): TestSession {
    return new TestSession(this);
  }

  /** A service context on this app's collaborators, for tests that call services directly. */
  contextAs(actor: Actor, now = new Date()): ServiceContext {
    const logger = createLogger('silent');
    return serviceContext({ mailer: this.mailer, publicUrl: this.config.publicUrl, search: this.search, events: loggingEventSink(logger), logger }, actor, now);
  }

  /** The platform itself (seeds, sweeps), through the same service checks as everyone else. */
  system(now = new Date()): ServiceContext {
    return this.contextAs(systemActor, now);
  }

  /** A signed-in user's context, as a request of theirs would build it. */
  async contextOf(userId: string): Promise<ServiceContext> {
    const actor = await loadUserActor(userId);
    if (!actor) throw new Error(`user ${userId} does not exist`);
    return this.contextAs(actor);
  }

  /** The platform's first administrator, created once per app. */
  admin(): Promise<TestSession> {
    this.adminSession ??= (async () => {
      const email = `admin-${crypto.randomUUID()}@pilotline.test`;
      await bootstrapPlatform(this.system(), { acceleratorName: 'Pilotline Accelerator', admin: { email, name: 'Ada Admin', password: TEST_PASSWORD } });
      return this.session().login(email);
    })();
    return this.adminSession;
  }

  /** The token of the newest invitation mailed to `email`. */
  invitationTokenFor(email: string): string {
    return this.tokenMailedTo(email, /\/invitations\/([\w-]+)/, 'invitation');
  }

  /** The token of the newest email-verification link mailed to `email`, once registrations have finished. */
  async verificationTokenFor(email: string): Promise<string> {
    await this.pilotline.idle();
    return this.tokenMailedTo(email, /\/verify-email\/([\w-]+)/, 'verification link');
  }

  /** Every email sent to `email` so far, once registrations have finished. */
  async mailTo(email: string) {
    await this.pilotline.idle();
    return this.mailer.sent.filter((sent) => sent.to === email.toLowerCase());
  }

  private tokenMailedTo(email: string, link: RegExp, what: string): string {
    const token = [...this.mailer.sent].reverse().find((sent) => sent.to === email.toLowerCase() && link.test(sent.text))?.text.match(link)?.[1];
    if (!token) throw new Error(`no ${what} was mailed to ${email}`);
    return token;
  }

  async close(): Promise<void> {
    await this.pilotline.close();
    await this.dispatcher?.stop();
    await this.search?.stop();
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  }
}

function alsoTo(first: Mailer, second: Mailer): Mailer {
  return { send: async (message) => void (await Promise.all([first.send(message), second.send(message)])) };
}

/** Starts the app against a fresh database; `env` overrides test configuration (e.g. APP_ENV=production). */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    readinessChecks?: ReadinessCheck[];
    search?: boolean;
    searchEngine?: SearchEngine;
    /** The app's clock, for tests of expiry and deadlines. */
    clock?: () => Date;
    /** Caps the keys the sign-in and registration rate limiter tracks, for tests of the cap. */
    maxTrackedRateLimitKeys?: number;
    embedder?: Embedder;
    /** Also sends the app's email here (an SMTP server the test runs, a mailer that holds mail); the in-memory copy is kept too. */
    mailer?: Mailer;
    /** Where the app's log lines go, for tests that read them; logged at debug level. */
    logDestination?: DestinationStream;
    /** Stretches the indexer's call timeout and lease, for engines slower than the embedded one. */
    searchTimeScale?: number;
  } = {},
): Promise<TestApp> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: jest globalSetup starts the test database');
  const config = loadConfig({
    APP_ENV: 'test',
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-000',
    MONGODB_URI: uri,
    MONGODB_DB: `test_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`,
    // The app is handed a MemoryMailer below whatever the config says; production insists on SMTP settings.
    ...(env.APP_ENV === 'production' ? { MAIL_DRIVER: 'smtp', SMTP_URL: 'smtp://relay.invalid:587' } : { MAIL_DRIVER: 'memory' }),
    // Every account in a test registers and signs in from the same address; the rate-limit tests lower these.
    REGISTRATION_MAX_ATTEMPTS: '10000',
    LOGIN_MAX_ATTEMPTS: '1000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const logger = options.logDestination ? createLogger('debug', options.logDestination) : createLogger(config.logLevel);
  await connectDatabase(uri, config.mongo.dbName, logger, 10_000);
  const mailer = new MemoryMailer();
  const search =
    options.search || options.searchEngine
      ? new SearchRuntime(
          options.searchEngine ?? new EmbeddedSearchEngine(),
          searchSources,
          logger,
          // Embedding a batch takes seconds on a busy machine; a lease that short would lapse mid-batch.
          options.embedder
            ? { leaseMs: 20_000 * (options.searchTimeScale ?? 1), callTimeoutMs: 5_000 * (options.searchTimeScale ?? 1), embedder: options.embedder }
            : { leaseMs: 1000 * (options.searchTimeScale ?? 1), callTimeoutMs: 500 * (options.searchTimeScale ?? 1) },
        )
      : undefined;
  // The indexer is not started: tests call search.indexer.drain() when they want the index current.
  await search?.start({ rebuildFromDatabase: true, runIndexer: false });
  const appMailer = options.mailer ? alsoTo(options.mailer, mailer) : mailer;
  const pilotline = await createApp({ config, logger, mailer: appMailer, search, readinessChecks: options.readinessChecks, clock: options.clock, maxTrackedRateLimitKeys: options.maxTrackedRateLimitKeys });
  // Tests drain it rather than kill it (fault tests run their own workers), so the lease can be long: its quarter, the
  // call timeout, must outlast a matcher run on a loaded machine, or every run times out and is retried until the drain gives up.
  const dispatcher = workerEventDispatcher({ mailer: appMailer, publicUrl: config.publicUrl, search, events: loggingEventSink(logger), logger }, { leaseMs: 20_000, idleDelayMs: 20 });
  return new TestApp(pilotline, mailer, config, search, dispatcher);
}
