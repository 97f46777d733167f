import { graphql } from '../generated';
import { ViewerOrganisationsQuery } from '../testkit/operations';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../testkit/test-app';
import { registerOrganisation, uniqueEmail } from '../testkit/accounts';

const ViewerQuery = graphql(`
  query AuthViewer {
    viewer {
      id
      email
    }
  }
`);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

function newStartupRegistration(email: string, password = TEST_PASSWORD) {
  return { email, password, name: 'Priya Shah', organisation: { name: 'Queue Busters Ltd', kind: 'STARTUP', region: 'LONDON' } };
}

describe('registration', () => {
  it('answers 202 and emails a verification link; the account signs in only once the link is opened', async () => {
    const session = app.session();
    const email = uniqueEmail('new');
    const response = await session.post('/auth/register', newStartupRegistration(email));
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ ok: true, status: 'CHECK_YOUR_EMAIL', message: expect.any(String) });
    expect((await session.gqlOk(ViewerQuery)).viewer).toBeNull();

    await app.pilotline.idle();
    const early = await session.post('/auth/login', { email, password: TEST_PASSWORD });
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('EMAIL_NOT_VERIFIED');
    const wrongPassword = await session.post('/auth/login', { email, password: 'not the password at all' });
    expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');

    const token = await app.verificationTokenFor(email);
    expect((await session.post('/auth/verify-email', { token })).status).toBe(200);
    const reused = await session.post('/auth/verify-email', { token });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('INVALID_VERIFICATION');

    await session.login(email);
    const data = await session.gqlOk(ViewerOrganisationsQuery);
    expect(data.viewer).toMatchObject({
      email,
      roles: [],
      organisations: [{ role: 'OWNER', organisation: { name: 'Queue Busters Ltd', kind: 'STARTUP', verified: false } }],
    });
  });

  it('answers an email that has an account exactly as a new one, and tells that account\'s owner', async () => {
    const existing = await registerOrganisation(app, 'STARTUP');
    const fresh = uniqueEmail('fresh');
    const again = await app.session().post('/auth/register', newStartupRegistration(existing.email.toUpperCase(), 'another strong passphrase here'));
    const first = await app.session().post('/auth/register', newStartupRegistration(fresh));
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(Object.keys(again.headers).sort()).toEqual(Object.keys(first.headers).sort());

    const mail = await app.mailTo(existing.email);
    expect(mail.at(-1)?.subject).toMatch(/someone tried to register/i);
    expect(mail.at(-1)?.text).not.toMatch(/verify-email/);
    // Nothing about the existing account changed: its password is still the old one.
    expect((await app.session().post('/auth/login', { email: existing.email, password: 'another strong passphrase here' })).status).toBe(401);
    await app.session().login(existing.email);
  });

  it.each([
    ['too short', 'short-pw'],
    ['a common password', 'password1234'],
    ['too few different characters', 'aaaaaaaaaaaabbbb'],
    ...[
      'qwerty123456',
      'Welcome2024!',
      'password2024',
      'iloveyou2024',
      'football2024',
      'monkey123456',
      'Password123!',
      'sunshine1234',
      'letmeinplease',
      'trustno1trustno1',
      'administrator',
      '123456789012',
    ].map((password) => ['a breached password of 12 or more characters', password]),
  ])('refuses a weak password (%s: %s) and says why', async (_label, password) => {
    const response = await app.session().post('/auth/register', newStartupRegistration(uniqueEmail('weak'), password));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('WEAK_PASSWORD');
    expect(response.body.error.fields[0].field).toBe('password');
  });

  it('refuses a password containing the email name', async () => {
    const response = await app.session().post('/auth/register', newStartupRegistration('margaret.jones@pilotline.test', 'margaret.jones-2026'));
    expect(response.body.error.code).toBe('WEAK_PASSWORD');
  });

  it.each([TEST_PASSWORD, 'a8Fk2-lq9Zx!pT', 'tidal marmalade forklift'])('accepts a long, uncommon password (%s)', async (password) => {
    const response = await app.session().post('/auth/register', newStartupRegistration(uniqueEmail('strong'), password));
    expect(response.status).toBe(202);
  });

  it('names every invalid field and rejects unknown ones', async () => {
    const response = await app.session().post('/auth/register', {
      email: 'not-an-email',
      password: TEST_PASSWORD,
      name: '',
      organisation: { name: 'X Ltd', kind: 'STARTUP' },
      isAdmin: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
    const fields = response.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'isAdmin']));
  });

  it('does not let anyone register an accelerator or a public body without a type', async () => {
    const accelerator = await app.session().post('/auth/register', {
      ...newStartupRegistration(uniqueEmail('acc')),
      organisation: { name: 'Fake Accelerator', kind: 'ACCELERATOR' },
    });
    expect(accelerator.status).toBe(400);
    const untypedBody = await app.session().post('/auth/register', {
      ...newStartupRegistration(uniqueEmail('pb')),
      organisation: { name: 'Some Council', kind: 'PUBLIC_BODY' },
    });
    expect(untypedBody.body.error.fields[0].field).toBe('organisation.publicBodyType');
  });
});

describe('login', () => {
  it('signs in with the right password, in any email case', async () => {
    const account = await registerOrganisation(app, 'STARTUP');
    const session = app.session();
    const response = await session.post('/auth/login', { email: account.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect((await session.gqlOk(ViewerQuery)).viewer?.email).toBe(account.email);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const account = await registerOrganisation(app, 'STARTUP');
    const wrongPassword = await app.session().post('/auth/login', { email: account.email, password: 'not the password at all' });
    const unknownEmail = await app.session().post('/auth/login', { email: uniqueEmail('nobody'), password: TEST_PASSWORD });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects a non-JSON body with 415 and malformed JSON with 400', async () => {
    const form = await app.session().agent.post('/auth/login').type('form').send('email=a&password=b');
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const malformed = await app.session().agent.post('/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BAD_JSON');
  });
});

describe('session lifecycle', () => {
  it('sets an HttpOnly, SameSite=Lax cookie and replaces the session id at login', async () => {
    const account = await registerOrganisation(app, 'STARTUP');
    const session = app.session();
    const before = await session.post('/auth/login', { email: account.email, password: TEST_PASSWORD });
    const firstCookie = String(before.headers['set-cookie']);
    expect(firstCookie).toMatch(/HttpOnly/i);
    expect(firstCookie).toMatch(/SameSite=Lax/i);
    expect(firstCookie).not.toMatch(/Secure/i);

    const oldSessionId = firstCookie.split(';')[0];
    const again = await session.post('/auth/login', { email: account.email, password: TEST_PASSWORD });
    const newSessionId = String(again.headers['set-cookie']).split(';')[0];
    expect(newSessionId).not.toEqual(oldSessionId);

    const replay = await app.session().agent.post('/graphql').set('Content-Type', 'application/json').set('Cookie', oldSessionId!)
      .send({ query: '{ viewer { id } }' });
    expect(replay.body.data.viewer).toBeNull();
  });

  it('logout kills the session on the server, not only in the browser', async () => {
    const account = await registerOrganisation(app, 'STARTUP');
    const session = app.session();
    const login = await session.post('/auth/login', { email: account.email, password: TEST_PASSWORD });
    const sessionCookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect((await session.post('/auth/logout', {})).status).toBe(200);
    expect((await session.gqlOk(ViewerQuery)).viewer).toBeNull();
    const replay = await app.session().agent.post('/graphql').set('Content-Type', 'application/json').set('Cookie', sessionCookie)
      .send({ query: '{ viewer { id } }' });
    expect(replay.body.data.viewer).toBeNull();
  });
});
