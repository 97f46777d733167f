import { ConfigError, loadConfig } from '../../server/src/config/config';

const productionMail = { SMTP_URL: 'smtp://user:secret@relay.example:587' };

describe('config', () => {
  it('has working defaults for local development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      appEnv: 'development',
      port: 4000,
      graphql: { introspection: true, graphiql: true },
      session: { secureCookie: false },
      seedOnEmpty: true,
    });
    expect(config.mongo.uri).toBeUndefined();
  });

  it('turns production hardening on from APP_ENV, not NODE_ENV', () => {
    const config = loadConfig({
      APP_ENV: 'production',
      NODE_ENV: 'development',
      SESSION_SECRET: 'x'.repeat(40),
      MONGODB_URI: 'mongodb://db:27017',
      ...productionMail,
    });
    expect(config.graphql).toMatchObject({ introspection: false, graphiql: false });
    expect(config.session.secureCookie).toBe(true);
    expect(config.seedOnEmpty).toBe(false);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ APP_ENV: 'production', PORT: 'eighty', MONGODB_URI: 'postgres://x', SESSION_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/MONGODB_URI/);
    expect(problems).toMatch(/SESSION_SECRET/);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless set, in every mode', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ APP_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MONGODB_URI: 'mongodb://db:27017', ...productionMail }).trustProxy).toBe(false);
  });

  it('takes a hop count or proxy addresses, and refuses anything else', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});

describe('mail', () => {
  const production = { APP_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MONGODB_URI: 'mongodb://db:27017' };

  it('refuses to start production without an SMTP relay, saying what to set', () => {
    expect(() => loadConfig(production)).toThrow(/SMTP_URL: is required in production/);
    expect(() => loadConfig({ ...production, MAIL_DRIVER: 'log', ...productionMail })).toThrow(/MAIL_DRIVER: must be smtp in production/);
    expect(() => loadConfig({ ...production, SMTP_URL: 'http://relay:587' })).toThrow(/SMTP_URL/);
  });

  it('sends by SMTP in production, logs in development', () => {
    expect(loadConfig({ ...production, ...productionMail }).mail).toMatchObject({ driver: 'smtp', smtpUrl: productionMail.SMTP_URL });
    expect(loadConfig({}).mail.driver).toBe('log');
    expect(() => loadConfig({ MAIL_DRIVER: 'smtp' })).toThrow(/SMTP_URL: is required when MAIL_DRIVER is smtp/);
  });
});

describe('search driver', () => {
  const problemsOf = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('is the embedded engine unless Meilisearch is named or given a host, and then runs its indexer in-process', () => {
    expect(loadConfig({ SEARCH_INDEXER: 'off' }).search).toEqual({ driver: 'embedded', leaseMs: 30_000, inProcessIndexer: true, reconcileEveryMs: 15 * 60_000 });
  });

  it('is Meilisearch when only MEILI_HOST is set, with its keys and prefix', () => {
    const config = loadConfig({ MEILI_HOST: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'k'.repeat(16), MEILI_INDEX_PREFIX: 'ci_', SEARCH_INDEXER: 'off' });
    expect(config.search).toEqual({
      driver: 'meilisearch',
      host: 'http://127.0.0.1:7700',
      masterKey: 'k'.repeat(16),
      searchKey: undefined,
      indexPrefix: 'ci_',
      leaseMs: 30_000,
      inProcessIndexer: false,
      reconcileEveryMs: 15 * 60_000,
    });
  });

  it('names every Meilisearch setting that is missing, alongside other problems', () => {
    const problems = problemsOf({ SEARCH_DRIVER: 'meilisearch', PORT: 'eighty' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'MEILI_HOST: is required when SEARCH_DRIVER is meilisearch',
        'MEILI_MASTER_KEY: is required when SEARCH_DRIVER is meilisearch',
        expect.stringMatching(/^PORT: /),
      ]),
    );
  });

  it('refuses a driver it does not know and a short master key', () => {
    expect(problemsOf({ SEARCH_DRIVER: 'elastic' }).join('\n')).toMatch(/SEARCH_DRIVER/);
    expect(problemsOf({ MEILI_HOST: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'short' })).toEqual(['MEILI_MASTER_KEY: must be at least 16 characters']);
  });
});
