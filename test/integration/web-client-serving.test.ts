import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../testkit/test-app';

/** A stand-in for client/dist: what `vite build` emits, in miniature. */
function fakeClientBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotline-client-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Pilotline</title><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("client")');
  return dir;
}

const html = { Accept: 'text/html,application/xhtml+xml' };

let app: TestApp;
let clientDir: string;
beforeAll(async () => {
  clientDir = fakeClientBuild();
  app = await startTestApp({ CLIENT_DIR: clientDir });
});
afterAll(async () => {
  await app.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

describe('serving the web client', () => {
  it('serves index.html at / with a strict Content-Security-Policy', async () => {
    const response = await app.session().agent.get('/').set(html);
    expect(response.status).toBe(200);
    expect(response.text).toContain('<div id="root">');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers client routes a browser navigates to with index.html, so deep links work', async () => {
    for (const route of ['/challenges/abc', '/search?q=parking', '/invitations/some-token']) {
      const response = await app.session().agent.get(route).set(html);
      expect({ route, status: response.status, type: response.type }).toEqual({ route, status: 200, type: 'text/html' });
      expect(response.headers['content-security-policy']).toBeDefined();
    }
  });

  it('serves hashed assets with long caching, and a missing asset is a JSON 404, not the page', async () => {
    const asset = await app.session().agent.get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await app.session().agent.get('/assets/gone-000.js').set(html);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('never swallows the server routes', async () => {
    const graphql = await app.session().agent.get('/graphql?query=%7B__typename%7D').set(html).set('apollo-require-preflight', 'true');
    expect(graphql.text).not.toContain('<div id="root">');
    const auth = await app.session().agent.get('/auth/nothing-here').set(html);
    expect(auth.status).toBe(404);
    expect(auth.body.error.code).toBe('NOT_FOUND');
    const livez = await app.session().agent.get('/livez').set(html);
    expect(livez.body).toEqual({ status: 'live' });
    const readyz = await app.session().agent.get('/readyz/extra').set(html);
    expect(readyz.text).not.toContain('<div id="root">');
  });

  it('keeps the JSON 404 for API clients that do not ask for a page', async () => {
    const response = await app.session().agent.get('/no/such/route');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });
});
