import crypto from 'node:crypto';
import express, { type Express, type Request, type RequestHandler } from 'express';
import session from 'express-session';
import { MongoStore } from 'connect-mongo';
import mongoose from 'mongoose';
import { pinoHttp } from 'pino-http';
import { expressMiddleware } from '@as-integrations/express5';
import type { Config } from './config/config';
import type { Logger } from './shared/logger';
import { anonymousActor, type Actor } from './shared/actor';
import { createErrorHandler, errorBody } from './shared/http-errors';
import type { Mailer } from './mail/mailer';
import type { SearchRuntime } from './search-sync/search-runtime';
import { loggingEventSink, serviceContext, type EventSink } from './context/service-context';
import { createPassport } from './auth/passport';
import { createAuthRouter } from './auth/auth.routes';
import { AttemptRateLimiter } from './auth/attempt-rate-limiter';
import { createApolloServer } from './graphql/apollo-server';
import { createLoaders, type GraphQLContext } from './graphql/context';
import { graphiqlPage } from './graphql/graphiql';
import { createHealthRouter, databaseReadiness, type ReadinessCheck } from './health/health.routes';
import { createWebClientRouter } from './web-client/web-client.routes';
import { createExportRouter } from './reporting/export.routes';

/** What the HTTP app needs; main.ts builds these from config, tests build their own. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  mailer: Mailer;
  search?: SearchRuntime;
  readinessChecks?: ReadinessCheck[];
  /** Where domain events go; logged when not given. */
  events?: EventSink;
  /** The time each request runs at; tests move it to cross deadlines without waiting. */
  clock?: () => Date;
}

export interface PilotlineApp {
  app: Express;
  /** Resolves once the work requests left running after their responses (registrations) is done. */
  idle(): Promise<void>;
  /** Waits for that work and stops Apollo; the caller closes the HTTP server and the database. */
  close(): Promise<void>;
}

export const SESSION_COOKIE_NAME = 'pilotline.sid';

/** Whether the request carries a cookie of this name, without parsing the header into an object. */
function hasCookie(req: Request, name: string): boolean {
  const header = req.headers.cookie;
  return header !== undefined && (header.startsWith(`${name}=`) || header.includes(` ${name}=`) || header.includes(`;${name}=`));
}

/** Builds the whole HTTP surface without listening, so tests run it in-process. */
export async function createApp(deps: AppDeps): Promise<PilotlineApp> {
  const { config, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const events = deps.events ?? loggingEventSink(logger);
  const app = express();
  app.disable('x-powered-by');
  // Only proxies named in TRUST_PROXY may set X-Forwarded-For: anyone else could rotate it to escape the rate limits.
  app.set('trust proxy', config.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/livez' || req.url === '/readyz' },
    }),
  );

  app.use(
    createHealthRouter([databaseReadiness, ...(deps.search ? [deps.search.readiness] : []), ...(deps.readinessChecks ?? [])]),
  );

  const passport = createPassport();
  const sessionMiddleware = session({
    name: SESSION_COOKIE_NAME,
    secret: config.session.secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    store: MongoStore.create({
      client: mongoose.connection.getClient(),
      dbName: mongoose.connection.db?.databaseName,
      collectionName: 'sessions',
      ttl: config.session.ttlSeconds,
      autoRemove: 'native',
    }),
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.session.secureCookie,
      maxAge: config.session.ttlSeconds * 1000,
      path: '/',
    },
  });
  const jsonBody = express.json({ limit: config.bodyLimit, strict: true });
  const authenticated = [sessionMiddleware, passport.initialize(), passport.session()];
  // Without the session cookie there is no session to load or refresh, and none is started
  // (saveUninitialized is off): the viewer is anonymous, so reads skip the session machinery.
  const sessionIfAny = express.Router().use(authenticated);
  const viewer: RequestHandler = (req, res, next) =>
    hasCookie(req, SESSION_COOKIE_NAME) ? sessionIfAny(req, res, next) : next();

  const limiter = new AttemptRateLimiter(config.login.windowMs);
  const limits = { signInAttempts: config.login.maxAttempts, registrationAttempts: config.login.maxRegistrations };
  const contextFor = (req: Request) =>
    serviceContext(
      { mailer: deps.mailer, publicUrl: config.publicUrl, search: deps.search, events, logger: req.log },
      (req.user as Actor | undefined) ?? anonymousActor,
      clock(),
    );
  const afterResponse = new Set<Promise<void>>();
  const runAfterResponse = (work: Promise<void>) => {
    afterResponse.add(work);
    void work.finally(() => afterResponse.delete(work));
  };
  const idle = async () => {
    while (afterResponse.size > 0) await Promise.all(afterResponse);
  };
  app.use(
    '/auth',
    jsonBody,
    ...authenticated,
    createAuthRouter({ passport, limiter, limits, sessionCookieName: SESSION_COOKIE_NAME, contextFor, runAfterResponse }),
  );

  const apollo = createApolloServer(config, logger);
  await apollo.start();
  if (config.graphql.graphiql) app.get('/graphql', graphiqlPage('/graphql'));
  app.use(
    '/graphql',
    jsonBody,
    viewer,
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext> => {
        const ctx = contextFor(req);
        return { ...ctx, requestId: String(req.id), loaders: createLoaders(ctx.now) };
      },
    }),
  );

  app.use('/export', viewer, createExportRouter({ contextFor }));

  app.use(createWebClientRouter(config.clientDir, logger));

  app.use((_req, res) => {
    res.status(404).json(errorBody('NOT_FOUND', 'No such route.'));
  });
  app.use(createErrorHandler(logger));

  return {
    app,
    idle,
    close: async () => {
      await idle();
      await apollo.stop();
    },
  };
}
