import { graphql } from '../generated';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../testkit/test-app';
import { addAcceleratorMember, addMember, registerOrganisation, registerStaff, uniqueEmail } from '../testkit/accounts';

const ViewerQuery = graphql(`
  query ViewerRoles {
    viewer {
      email
      roles
      organisations {
        role
        organisation {
          kind
        }
      }
    }
  }
`);

const OrganisationQuery = graphql(`
  query OrganisationById($id: ID!) {
    organisation(id: $id) {
      id
      verified
      members {
        email
        role
      }
      viewerCan {
        update
        invite
        verify
        seeMembers
      }
    }
  }
`);

const VerifyMutation = graphql(`
  mutation VerifyOrganisation($input: VerifyOrganisationInput!) {
    verifyOrganisation(input: $input) {
      verified
      verifiedAt
    }
  }
`);

const InviteMutation = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      email
      role
      organisation {
        id
      }
    }
  }
`);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('viewer', () => {
  it('is null for anonymous visitors', async () => {
    expect((await app.session().gqlOk(ViewerQuery)).viewer).toBeNull();
  });

  it('shows each role: public-body member, start-up member, staff and admin', async () => {
    const publicBody = await registerOrganisation(app, 'PUBLIC_BODY');
    const startup = await registerOrganisation(app, 'STARTUP');
    const staff = await registerStaff(app);
    const admin = await app.admin();

    expect((await publicBody.session.gqlOk(ViewerQuery)).viewer).toMatchObject({
      roles: [],
      organisations: [{ role: 'OWNER', organisation: { kind: 'PUBLIC_BODY' } }],
    });
    expect((await startup.session.gqlOk(ViewerQuery)).viewer).toMatchObject({
      roles: [],
      organisations: [{ role: 'OWNER', organisation: { kind: 'STARTUP' } }],
    });
    expect((await staff.session.gqlOk(ViewerQuery)).viewer).toMatchObject({
      roles: ['STAFF'],
      organisations: [{ role: 'MEMBER', organisation: { kind: 'ACCELERATOR' } }],
    });
    expect((await admin.gqlOk(ViewerQuery)).viewer).toMatchObject({
      roles: ['STAFF', 'ADMIN'],
      organisations: [{ role: 'OWNER', organisation: { kind: 'ACCELERATOR' } }],
    });
  });
});

describe('organisation verification', () => {
  it('hides an unverified organisation from outsiders until staff verify it', async () => {
    const startup = await registerOrganisation(app, 'STARTUP', { verified: false });
    const outsider = await registerOrganisation(app, 'STARTUP');
    const staff = await registerStaff(app);

    const hidden = await outsider.session.gql(OrganisationQuery, { id: startup.organisationId });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const missing = await outsider.session.gql(OrganisationQuery, { id: '0123456789abcdef01234567' });
    expect(missing.errors?.[0]?.message.replace('0123456789abcdef01234567', startup.organisationId)).toBe(hidden.errors?.[0]?.message);

    const own = await startup.session.gqlOk(OrganisationQuery, { id: startup.organisationId });
    expect(own.organisation).toMatchObject({ verified: false, viewerCan: { update: true, invite: true, verify: false, seeMembers: true } });

    const refused = await startup.session.gql(VerifyMutation, { input: { organisationId: startup.organisationId } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const verified = await staff.session.gqlOk(VerifyMutation, { input: { organisationId: startup.organisationId } });
    expect(verified.verifyOrganisation.verified).toBe(true);
    expect(verified.verifyOrganisation.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const visible = await outsider.session.gqlOk(OrganisationQuery, { id: startup.organisationId });
    expect(visible.organisation).toMatchObject({ verified: true, members: [], viewerCan: { update: false, seeMembers: false } });
  });

  it('treats a malformed id like a missing one', async () => {
    const result = await app.session().gql(OrganisationQuery, { id: '{"$gt": ""}' });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('invitations', () => {
  it('lets a member invite a colleague who registers with the emailed token and joins', async () => {
    const owner = await registerOrganisation(app, 'PUBLIC_BODY');
    const colleague = await addMember(app, owner);
    const data = await owner.session.gqlOk(OrganisationQuery, { id: owner.organisationId });
    expect(data.organisation?.members).toEqual([
      { email: owner.email, role: 'OWNER' },
      { email: colleague.email, role: 'MEMBER' },
    ]);
    expect(colleague.organisationId).toBe(owner.organisationId);
  });

  it('lets an existing user accept an invitation addressed to them, once', async () => {
    const owner = await registerOrganisation(app, 'STARTUP');
    const existing = await registerOrganisation(app, 'STARTUP');
    await owner.session.gqlOk(InviteMutation, { input: { organisationId: owner.organisationId, email: existing.email } });
    const token = app.invitationTokenFor(existing.email);
    const AcceptMutation = graphql(`
      mutation AcceptInvitation($input: AcceptInvitationInput!) {
        acceptInvitation(input: $input) {
          organisations {
            organisation {
              id
            }
          }
        }
      }
    `);
    const accepted = await existing.session.gqlOk(AcceptMutation, { input: { token } });
    expect(accepted.acceptInvitation.organisations.map((o) => o.organisation.id)).toContain(owner.organisationId);
    const again = await existing.session.gql(AcceptMutation, { input: { token } });
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_INVITATION');
  });

  it('refuses invitations from non-members and owner invitations from plain members', async () => {
    const owner = await registerOrganisation(app, 'STARTUP');
    const member = await addMember(app, owner);
    const outsider = await registerOrganisation(app, 'STARTUP');
    const fromOutsider = await outsider.session.gql(InviteMutation, {
      input: { organisationId: owner.organisationId, email: uniqueEmail('x') },
    });
    expect(fromOutsider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ownerFromMember = await member.session.gql(InviteMutation, {
      input: { organisationId: owner.organisationId, email: uniqueEmail('x'), role: 'OWNER' },
    });
    expect(ownerFromMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await app.session().gql(InviteMutation, { input: { organisationId: owner.organisationId, email: uniqueEmail('x') } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('will not register someone with a token addressed to another email', async () => {
    const owner = await registerOrganisation(app, 'STARTUP');
    const invited = uniqueEmail('invited');
    await owner.session.gqlOk(InviteMutation, { input: { organisationId: owner.organisationId, email: invited } });
    const response = await app.session().post('/auth/register', {
      email: uniqueEmail('someone-else'),
      password: TEST_PASSWORD,
      name: 'Someone Else',
      invitationToken: app.invitationTokenFor(invited),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_INVITATION');
  });
});

describe('platform roles', () => {
  it('only admins grant roles', async () => {
    const staff = await registerStaff(app);
    // Someone in the accelerator only: members of a tenant are never granted STAFF (staff-tenancy.test.ts).
    const colleague = await addAcceleratorMember(app);
    const SetRoles = graphql(`
      mutation SetRoles($input: SetPlatformRolesInput!) {
        setPlatformRoles(input: $input) {
          roles
        }
      }
    `);
    const byStaff = await staff.session.gql(SetRoles, { input: { userId: colleague.userId, roles: ['STAFF'] } });
    expect(byStaff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await (await app.admin()).gqlOk(SetRoles, { input: { userId: colleague.userId, roles: ['STAFF'] } });
    expect(byAdmin.setPlatformRoles.roles).toEqual(['STAFF']);
  });
});
