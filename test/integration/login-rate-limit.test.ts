import { startTestApp, TEST_PASSWORD, type TestApp } from '../testkit/test-app';
import { registerOrganisation, uniqueEmail } from '../testkit/accounts';

describe('login rate limiting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3' });
  });
  afterAll(() => app.close());

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

function registration(email: string) {
  return { email, password: TEST_PASSWORD, name: 'Rate Limited', organisation: { name: `Org ${email}`, kind: 'STARTUP', region: 'LONDON' } };
}

describe('registration rate limiting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ REGISTRATION_MAX_ATTEMPTS: '3' });
  });
  afterAll(() => app.close());

  it('stops one client registering again and again, whatever emails it names', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await app.session().post('/auth/register', registration(uniqueEmail('flood')))).status).toBeLessThan(300);
    }
    const limited = await app.session().post('/auth/register', registration(uniqueEmail('flood')));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

/** Three wrong passwords for one email, each claiming a different client address through X-Forwarded-For. */
async function rotatingForwardedFor(app: TestApp): Promise<number[]> {
  const email = uniqueEmail('rotate');
  const statuses: number[] = [];
  for (const forwardedFor of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
    const response = await app.session().agent
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', forwardedFor)
      .send(JSON.stringify({ email, password: 'wrong password guess' }));
    statuses.push(response.status);
  }
  return statuses;
}

describe('TRUST_PROXY', () => {
  it('is off unless set, even in production: a client cannot rotate X-Forwarded-For to escape the limit', async () => {
    const app = await startTestApp({ APP_ENV: 'production', LOGIN_MAX_ATTEMPTS: '2' });
    try {
      expect(await rotatingForwardedFor(app)).toEqual([401, 401, 429]);
    } finally {
      await app.close();
    }
  });

  it('when set, the limiter keys on the address the trusted proxy forwards', async () => {
    // supertest connects from 127.0.0.1, so "loopback" makes the test client the trusted proxy.
    const app = await startTestApp({ TRUST_PROXY: 'loopback', LOGIN_MAX_ATTEMPTS: '2' });
    try {
      expect(await rotatingForwardedFor(app)).toEqual([401, 401, 401]);
    } finally {
      await app.close();
    }
  });
});

describe('the keys the limiter tracks', () => {
  let now: Date;
  let app: TestApp;
  beforeEach(async () => {
    now = new Date('2026-12-01T09:00:00Z');
    // "loopback" makes the test client a trusted proxy, so each attempt names its own client address, as an attacker
    // rotating addresses would. Each sign-in opens two keys (the account's and the client's): two clients fill four.
    app = await startTestApp({ TRUST_PROXY: 'loopback', LOGIN_MAX_ATTEMPTS: '2', LOGIN_WINDOW_MINUTES: '15' }, { clock: () => now, maxTrackedRateLimitKeys: 4 });
  });
  afterEach(() => app.close());

  const emails = [uniqueEmail('tracked-a'), uniqueEmail('tracked-b'), uniqueEmail('tracked-c')];
  async function signInFrom(client: number, email: string) {
    const response = await app.session().agent
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', `203.0.113.${client}`)
      .send(JSON.stringify({ email, password: 'wrong password guess' }));
    return { status: response.status, code: response.body.error?.code, retryAfter: Number(response.headers['retry-after']) };
  }

  it('are capped: a full table refuses new keys but goes on counting the ones it has', async () => {
    expect((await signInFrom(1, emails[0]!)).status).toBe(401);
    expect((await signInFrom(2, emails[1]!)).status).toBe(401);
    const refused = await signInFrom(3, emails[2]!);
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(refused.retryAfter).toBeGreaterThan(0);
    // Rotating keys did not wipe the first account's count: its second guess is its last.
    expect((await signInFrom(1, emails[0]!)).status).toBe(401);
    expect((await signInFrom(1, emails[0]!)).status).toBe(429);
  });

  it('make room again as their windows close', async () => {
    await signInFrom(1, emails[0]!);
    await signInFrom(2, emails[1]!);
    expect((await signInFrom(3, emails[2]!)).status).toBe(429);
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await signInFrom(3, emails[2]!)).status).toBe(401);
  });
});
