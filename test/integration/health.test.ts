import { startTestApp, type TestApp } from '../testkit/test-app';

let searchReady = true;
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, { readinessChecks: [{ name: 'search', check: async () => searchReady }] });
});
afterAll(() => app.close());

describe('health endpoints', () => {
  it('/livez answers while the process runs', async () => {
    const response = await app.session().agent.get('/livez');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'live' });
  });

  it('/readyz is 200 only when every dependency answers', async () => {
    const ready = await app.session().agent.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'up', search: 'up' } });
    searchReady = false;
    const notReady = await app.session().agent.get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks).toEqual({ database: 'up', search: 'down' });
    searchReady = true;
  });

  it('tags every response with a request id, keeping a well-formed incoming one', async () => {
    const generated = await app.session().agent.get('/livez');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.session().agent.get('/livez').set('x-request-id', 'trace-abc-123');
    expect(kept.headers['x-request-id']).toBe('trace-abc-123');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await app.session().agent.get('/no/such/route');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });
});
