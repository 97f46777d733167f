import { ConfigError, loadConfig } from '../../server/src/config/config';

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
