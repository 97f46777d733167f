import { startTestApp, TEST_PASSWORD, type TestApp } from '../testkit/test-app';

/**
 * Runs the app with APP_ENV=production while jest sets NODE_ENV=test: the settings must come
 * from our config, not from whatever NODE_ENV happens to be.
 */
let app: TestApp;
beforeAll(async () => {
  // The test client stands in for the TLS proxy, so it is trusted to say the request came over https.
  app = await startTestApp({ APP_ENV: 'production', TRUST_PROXY: 'loopback', GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_ALIASES: '3', GRAPHQL_MAX_TOKENS: '200', GRAPHQL_MAX_COST: '200', BODY_LIMIT: '2kb' });
});
afterAll(() => app.close());

function post(body: unknown) {
  return app.session().agent.post('/graphql').set('Content-Type', 'application/json').send(JSON.stringify(body));
}

describe('production GraphQL settings', () => {
  it('refuses introspection', async () => {
    const response = await post({ query: '{ __schema { types { name } } }' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('does not suggest field names', async () => {
    const response = await post({ query: '{ viewe { id } }' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toMatch(/Did you mean/);
  });

  it('has no stack traces in errors', async () => {
    const response = await post({ query: '{ organisation(id: "nope") { id } }' });
    expect(response.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('does not accept automatic persisted queries', async () => {
    // Apollo answers 200 here by protocol, so that APQ clients fall back to sending the full query.
    const response = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(response.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it('serves no GraphiQL page', async () => {
    const response = await app.session().agent.get('/graphql').set('Accept', 'text/html');
    // What answers instead is Apollo, refusing a GET without a query.
    expect(response.status).toBe(400);
    expect(response.type).not.toBe('text/html');
    expect(response.text).not.toMatch(/graphiql/i);
  });

  it('limits depth', async () => {
    expect((await post({ query: '{ viewer { id } }' })).status).toBe(200);
    const response = await post({ query: '{ viewer { organisations { organisation { members { email } } } } }' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/depth/i);
  });

  it('limits aliases', async () => {
    expect((await post({ query: '{ a: ping b: ping }' })).status).toBe(200);
    const response = await post({ query: '{ a: ping b: ping c: ping d: ping e: ping }' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/alias/i);
  });

  it('limits cost', async () => {
    const fields = Array.from({ length: 10 }, () => 'viewer { organisations { organisation { id name kind region website description verified createdAt } } }').join(' ');
    const response = await post({ query: `{ ${fields} }` });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/cost/i);
  });

  it('limits tokens at parse time with a 400, not a 500', async () => {
    const response = await post({ query: `{ ${'ping '.repeat(300)} }` });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/token/i);
  });

  it('answers a syntax error with a 400 and a code', async () => {
    const response = await post({ query: '{ viewer { id ' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('rejects an oversized body with a JSON 413', async () => {
    const response = await post({ query: '{ ping }', variables: { padding: 'x'.repeat(5000) } });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects malformed JSON with a JSON 400', async () => {
    const response = await app.session().agent.post('/graphql').set('Content-Type', 'application/json').send('{"query": ');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_JSON');
  });

  it('rejects unknown input fields with a coded error', async () => {
    const response = await post({
      query: 'mutation { verifyOrganisation(input: { organisationId: "x", verified: true }) { id } }',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('marks the session cookie Secure', async () => {
    const email = 'secure-cookie@pilotline.test';
    const registered = await app.session().post('/auth/register', {
      email,
      password: TEST_PASSWORD,
      name: 'Secure Cookie',
      organisation: { name: 'Cookie Ltd', kind: 'STARTUP' },
    });
    expect(registered.status).toBe(202);
    await app.session().post('/auth/verify-email', { token: await app.verificationTokenFor(email) }).expect(200);
    const response = await app.session().agent.post('/auth/login').set('X-Forwarded-Proto', 'https').set('Content-Type', 'application/json')
      .send({ email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/Secure/);
  });
});

describe('development GraphQL settings', () => {
  let development: TestApp;
  beforeAll(async () => {
    development = await startTestApp({ APP_ENV: 'development' });
  });
  afterAll(() => development.close());

  it('serves a GraphiQL page that works offline (the control for the production test above)', async () => {
    const response = await development.session().agent.get('/graphql').set('Accept', 'text/html');
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    expect(response.text).toMatch(/graphiql/i);
    // Every script is inlined: nothing loads from a CDN.
    expect(response.text).not.toMatch(/<script[^>]*\bsrc=["']?https?:/i);
  });

  it('still answers a GET query on the same path', async () => {
    const response = await development
      .session()
      .agent.get('/graphql')
      .query({ query: '{ ping }' })
      .set('Accept', 'application/json')
      .set('apollo-require-preflight', 'true'); // Apollo's CSRF prevention wants this on GETs
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { ping: true } });
  });
});
