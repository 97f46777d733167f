import { graphql } from '../generated';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../testkit/test-app';
import { registerOrganisation, uniqueEmail } from '../testkit/accounts';

/** Invitations last 14 days, by the app's clock, which the test controls. */
const InviteMember = graphql(`
  mutation ExpiryInvite($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      expiresAt
    }
  }
`);

const InvitationQuery = graphql(`
  query ExpiryInvitation($token: String!) {
    invitation(token: $token) {
      email
    }
  }
`);

const DAY_MS = 24 * 3600 * 1000;
let now = new Date('2026-03-02T09:00:00Z');
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, { clock: () => now });
});
afterAll(() => app.close());

function register(email: string, token: string) {
  return app.session().post('/auth/register', { email, password: TEST_PASSWORD, name: 'Late Joiner', invitationToken: token });
}

it('works until 14 days after it was sent, and not a moment after', async () => {
  const owner = await registerOrganisation(app, 'STARTUP');
  const sentAt = now;
  const [onTime, late] = [uniqueEmail('on-time'), uniqueEmail('late')];
  const invited = await owner.session.gqlOk(InviteMember, { input: { organisationId: owner.organisationId, email: onTime } });
  await owner.session.gqlOk(InviteMember, { input: { organisationId: owner.organisationId, email: late } });
  expect(new Date(String(invited.inviteMember.expiresAt)).getTime()).toBe(sentAt.getTime() + 14 * DAY_MS);

  now = new Date(sentAt.getTime() + 14 * DAY_MS - 1000);
  expect((await app.session().gqlOk(InvitationQuery, { token: app.invitationTokenFor(onTime) })).invitation?.email).toBe(onTime);
  expect((await register(onTime, app.invitationTokenFor(onTime))).status).toBe(202);

  now = new Date(sentAt.getTime() + 14 * DAY_MS + 1000);
  const expired = await app.session().gql(InvitationQuery, { token: app.invitationTokenFor(late) });
  expect(expired.errors?.[0]?.extensions?.code).toBe('INVALID_INVITATION');
  const refused = await register(late, app.invitationTokenFor(late));
  expect(refused.status).toBe(400);
  expect(refused.body.error.code).toBe('INVALID_INVITATION');
});
