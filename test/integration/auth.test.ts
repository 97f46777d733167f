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
  it('creates the user with an unverified organisation they own, and signs them in', async () => {
    const session = app.session();
    const email = uniqueEmail('new');
    const response = await session.post('/auth/register', newStartupRegistration(email));
    expect(response.status).toBe(201);
    const data = await session.gqlOk(ViewerOrganisationsQuery);
    expect(data.viewer).toMatchObject({
      email,
      roles: [],
      organisations: [{ role: 'OWNER', organisation: { name: 'Queue Busters Ltd', kind: 'STARTUP', verified: false } }],
    });
  });

  it('refuses a duplicate email written in another case', async () => {
    const email = uniqueEmail('dup');
    await app.session().post('/auth/register', newStartupRegistration(email)).expect(201);
    const response = await app.session().post('/auth/register', newStartupRegistration(email.toUpperCase()));
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('EMAIL_TAKEN');
  });

  it.each([
    ['too short', 'short-pw'],
    ['a common password', 'password1234'],
    ['too few different characters', 'aaaaaaaaaaaabbbb'],
  ])('refuses a weak password (%s) and says why', async (_label, password) => {
    const response = await app.session().post('/auth/register', newStartupRegistration(uniqueEmail('weak'), password));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('WEAK_PASSWORD');
    expect(response.body.error.fields[0].field).toBe('password');
  });

  it('refuses a password containing the email name', async () => {
    const response = await app.session().post('/auth/register', newStartupRegistration('margaret.jones@pilotline.test', 'margaret.jones-2026'));
    expect(response.body.error.code).toBe('WEAK_PASSWORD');
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
