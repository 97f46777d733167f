import { startTestApp, TEST_PASSWORD, type TestApp } from '../testkit/test-app';
import { registerOrganisation, uniqueEmail } from '../testkit/accounts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3' });
});
afterAll(() => app.close());

describe('login rate limiting', () => {
  it('stops guessing one account, even with the right password, and says when to retry', async () => {
    const account = await registerOrganisation(app, 'STARTUP');
    const session = app.session();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await session.post('/auth/login', { email: account.email, password: 'wrong password guess' })).status).toBe(401);
    }
    const limited = await session.post('/auth/login', { email: account.email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('stops one client spraying guesses across many accounts', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 16; attempt += 1) {
      statuses.push((await app.session().post('/auth/login', { email: uniqueEmail('spray'), password: 'guess guess guess' })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(15);
  });
});
