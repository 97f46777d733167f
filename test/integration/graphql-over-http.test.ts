import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { auditServer, type AuditResult } from 'graphql-http';
import { startTestApp, type TestApp } from '../testkit/test-app';

/**
 * The GraphQL-over-HTTP specification, checked by graphql-http's own audit against the real
 * server, and the client mistakes the web client branches on.
 */
let app: TestApp;
let server: Server;
let url: string;
beforeAll(async () => {
  app = await startTestApp();
  server = createServer(app.pilotline.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await app.close();
});

function post(body: unknown) {
  return app.session().agent.post('/graphql').set('Content-Type', 'application/json').send(JSON.stringify(body));
}

function failures(results: AuditResult[], level: 'MUST' | 'SHOULD') {
  return results.filter((result) => result.name.startsWith(level) && result.status !== 'ok').map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
}

describe('the GraphQL-over-HTTP audit', () => {
  let results: AuditResult[];
  beforeAll(async () => {
    results = await auditServer({ url });
  });

  it('passes every MUST', () => {
    expect(results.filter((result) => result.name.startsWith('MUST')).length).toBeGreaterThan(0);
    expect(failures(results, 'MUST')).toEqual([]);
  });

  it('passes every SHOULD', () => {
    expect(results.filter((result) => result.name.startsWith('SHOULD')).length).toBeGreaterThan(0);
    expect(failures(results, 'SHOULD')).toEqual([]);
  });
});

describe('client mistakes are client errors', () => {
  it('codes more than 50 invalid variable values as BAD_USER_INPUT', async () => {
    const query = 'query Many($filter: ChallengeFilter) { challenges(filter: $filter) { edges { cursor } } }';
    const sectors = Array.from({ length: 60 }, (_, index) => `NOT_A_SECTOR_${index}`);
    const response = await post({ query, variables: { filter: { sectors } } });
    expect(response.status).toBe(400);
    const codes = new Set(response.body.errors.map((error: { extensions: { code: string } }) => error.extensions.code));
    expect([...codes]).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors.at(-1).message).toMatch(/too many errors/i);
  });

  it('codes a subscription as a client error: the API has none', async () => {
    const response = await post({ query: 'subscription { ping }' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors[0].message).toMatch(/subscriptions are not supported/i);
  });
});
