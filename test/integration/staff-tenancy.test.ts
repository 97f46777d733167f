import mongoose from 'mongoose';
import { graphql } from '../generated';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestSession } from '../testkit/test-app';
import { addAcceleratorMember, addMember, registerOrganisation, registerStaff, uniqueEmail, type Account } from '../testkit/accounts';
import { draftSolution } from '../testkit/marketplace';

/**
 * Curators must not be able to act as a tenant. The probe that found this: staff invited
 * themselves as OWNER of a start-up, accepted, and could then edit its draft solutions.
 */
const InviteMember = graphql(`
  mutation StaffTenancyInvite($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      id
    }
  }
`);

const AcceptInvitation = graphql(`
  mutation StaffTenancyAccept($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      organisations {
        organisation {
          id
        }
      }
    }
  }
`);

const UpdateSolution = graphql(`
  mutation StaffTenancyUpdateSolution($input: UpdateSolutionInput!) {
    updateSolution(input: $input) {
      id
    }
  }
`);

const UpdateOrganisation = graphql(`
  mutation StaffTenancyUpdateOrganisation($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      id
    }
  }
`);

const AuditEvents = graphql(`
  query StaffTenancyAuditEvents($filter: AuditEventFilter, $first: Int) {
    auditEvents(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          actorId
          actorEmail
          actorRoles
          operation
          arguments
          outcome
          requestId
        }
      }
    }
  }
`);

const SetRoles = graphql(`
  mutation StaffTenancySetRoles($input: SetPlatformRolesInput!) {
    setPlatformRoles(input: $input) {
      id
      roles
    }
  }
`);

const ViewerRoles = graphql(`
  query StaffTenancyViewerRoles {
    viewer {
      roles
      organisations {
        organisation {
          kind
        }
      }
    }
  }
`);

let app: TestApp;
let staff: Account;
let startupOwner: Account;
beforeAll(async () => {
  app = await startTestApp();
  staff = await registerStaff(app);
  startupOwner = await registerOrganisation(app, 'STARTUP');
});
afterAll(() => app.close());

function firstCode(result: { errors?: { extensions?: { code?: string } }[] }) {
  return result.errors?.[0]?.extensions?.code;
}

async function invite(session: TestSession, organisationId: string, email: string, role: 'OWNER' | 'MEMBER') {
  return session.gql(InviteMember, { input: { organisationId, email, role } });
}

describe('staff and tenants', () => {
  it('staff cannot invite themselves as owner (or member) of a start-up, so cannot edit its drafts', async () => {
    const draft = await draftSolution(startupOwner);
    expect(firstCode(await invite(staff.session, startupOwner.organisationId, staff.email, 'OWNER'))).toBe('FORBIDDEN');
    expect(firstCode(await invite(staff.session, startupOwner.organisationId, staff.email, 'MEMBER'))).toBe('FORBIDDEN');
    const edit = await staff.session.gql(UpdateSolution, { input: { solutionId: draft.id, expectedVersion: draft.version, name: 'Taken over' } });
    expect(firstCode(edit)).toMatch(/FORBIDDEN|NOT_FOUND/);
  });

  it('staff cannot invite anyone into an organisation that already has owners', async () => {
    expect(firstCode(await invite(staff.session, startupOwner.organisationId, uniqueEmail('outsider'), 'OWNER'))).toBe('FORBIDDEN');
    expect(firstCode(await invite(staff.session, startupOwner.organisationId, uniqueEmail('outsider'), 'MEMBER'))).toBe('FORBIDDEN');
  });

  it('nobody invites staff into a tenant: not other staff, not the tenant itself', async () => {
    const colleague = await registerStaff(app);
    expect(firstCode(await invite(staff.session, startupOwner.organisationId, colleague.email, 'MEMBER'))).toBe('FORBIDDEN');
    expect(firstCode(await invite(startupOwner.session, startupOwner.organisationId, colleague.email, 'OWNER'))).toBe('FORBIDDEN');
  });

  it('a member of a start-up or public body is not granted STAFF or ADMIN', async () => {
    const admin = await app.admin();
    for (const kind of ['PUBLIC_BODY', 'STARTUP'] as const) {
      const tenant = await registerOrganisation(app, kind, { label: 'would-be-staff' });
      for (const roles of [['STAFF'], ['ADMIN'], ['STAFF', 'ADMIN']] as const) {
        expect(firstCode(await admin.gql(SetRoles, { input: { userId: tenant.userId, roles: [...roles] } }))).toBe('FORBIDDEN');
      }
      expect((await tenant.session.gqlOk(ViewerRoles, {})).viewer?.roles).toEqual([]);
      // Removing roles is never refused.
      expect((await admin.gqlOk(SetRoles, { input: { userId: tenant.userId, roles: [] } })).setPlatformRoles.roles).toEqual([]);
    }
  });

  it('a person made staff after being invited cannot use the invitation to join the tenant', async () => {
    const person = await addAcceleratorMember(app);
    await startupOwner.session.gqlOk(InviteMember, { input: { organisationId: startupOwner.organisationId, email: person.email, role: 'OWNER' } });
    await (await app.admin()).gqlOk(SetRoles, { input: { userId: person.userId, roles: ['STAFF'] } });
    const accepted = await person.session.gql(AcceptInvitation, { input: { token: app.invitationTokenFor(person.email) } });
    expect(firstCode(accepted)).toBe('FORBIDDEN');
  });

  it('a grant of STAFF racing the acceptance of a tenant invitation never leaves staff inside the tenant', async () => {
    const admin = await app.admin();
    const people = await Promise.all(Array.from({ length: 8 }, () => addAcceleratorMember(app)));
    for (const person of people) {
      await startupOwner.session.gqlOk(InviteMember, { input: { organisationId: startupOwner.organisationId, email: person.email, role: 'MEMBER' } });
    }
    await Promise.all(
      people.flatMap((person) => [
        admin.gql(SetRoles, { input: { userId: person.userId, roles: ['STAFF'] } }),
        person.session.gql(AcceptInvitation, { input: { token: app.invitationTokenFor(person.email) } }),
      ]),
    );
    for (const person of people) {
      const { viewer } = await person.session.gqlOk(ViewerRoles, {});
      const inTenant = viewer?.organisations.some((membership) => membership.organisation.kind !== 'ACCELERATOR');
      expect({ staff: viewer?.roles.includes('STAFF'), inTenant }).not.toEqual({ staff: true, inTenant: true });
    }
  });

  it('staff may invite the first owner of an organisation that has none, and only that', async () => {
    const orphan = await registerOrganisation(app, 'STARTUP', { label: 'orphan' });
    // Arrange an organisation without owners, which the API itself never leaves behind.
    await mongoose.connection.collection('memberships').deleteMany({ organisationId: new mongoose.Types.ObjectId(orphan.organisationId) });
    expect(firstCode(await invite(staff.session, orphan.organisationId, uniqueEmail('member'), 'MEMBER'))).toBe('FORBIDDEN');
    const firstOwner = uniqueEmail('first-owner');
    expect((await invite(staff.session, orphan.organisationId, firstOwner, 'OWNER')).errors).toBeUndefined();
    const joined = await app.session().post('/auth/register', { email: firstOwner, password: TEST_PASSWORD, name: 'First Owner', invitationToken: app.invitationTokenFor(firstOwner) });
    expect(joined.status).toBe(202);
    await app.pilotline.idle();
    expect(firstCode(await invite(staff.session, orphan.organisationId, uniqueEmail('second-owner'), 'OWNER'))).toBe('FORBIDDEN');
  });

  it('staff still run the accelerator: they invite colleagues into it', async () => {
    const admin = await app.admin();
    const adminOrganisation = (await admin.gqlOk(graphql(`query StaffTenancyAdminOrgs { viewer { organisations { organisation { id } } } }`))).viewer?.organisations[0]?.organisation.id;
    expect((await invite(admin, adminOrganisation ?? '', uniqueEmail('colleague'), 'MEMBER')).errors).toBeUndefined();
  });
});

describe('the audit log', () => {
  it('records every staff action on a tenant with the actor and the outcome, refusals included', async () => {
    const tenant = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'audited' });
    await staff.session.gqlOk(UpdateOrganisation, { input: { organisationId: tenant.organisationId, description: 'Edited by a curator.' } });
    await invite(staff.session, tenant.organisationId, staff.email, 'OWNER');

    const admin = await app.admin();
    const log = await admin.gqlOk(AuditEvents, { filter: { actorId: staff.userId }, first: 100 });
    const events = log.auditEvents.edges.map((edge) => edge.node).filter((event) => event.arguments.includes(tenant.organisationId));
    expect(events).toEqual([
      expect.objectContaining({ actorId: staff.userId, actorEmail: staff.email, actorRoles: ['STAFF'], operation: 'inviteMember', outcome: 'FORBIDDEN' }),
      expect.objectContaining({ actorId: staff.userId, actorEmail: staff.email, operation: 'updateOrganisation', outcome: 'SUCCEEDED' }),
    ]);
    expect(events[1]?.arguments).toContain('Edited by a curator.');
    expect(events[1]?.requestId).toBeTruthy();
  });

  it('keeps tenants out of it and secrets out of it, and only administrators read it', async () => {
    const member = await addMember(app, startupOwner);
    await startupOwner.session.gqlOk(UpdateOrganisation, { input: { organisationId: startupOwner.organisationId, description: 'Our own edit.' } });
    const admin = await app.admin();
    const log = await admin.gqlOk(AuditEvents, { first: 100 });
    expect(log.auditEvents.edges.filter((edge) => [startupOwner.userId, member.userId].includes(edge.node.actorId))).toEqual([]);

    // Staff accepting an invitation sends its token; the log keeps that the action happened, not the token.
    const invitee = uniqueEmail('audited-token');
    await invite(startupOwner.session, startupOwner.organisationId, invitee, 'MEMBER');
    const token = app.invitationTokenFor(invitee);
    await staff.session.gql(AcceptInvitation, { input: { token } });
    const accepts = await admin.gqlOk(AuditEvents, { filter: { actorId: staff.userId, operation: 'acceptInvitation' }, first: 1 });
    expect(accepts.auditEvents.edges[0]?.node).toMatchObject({ outcome: 'INVALID_INVITATION', arguments: '{"input":{"token":"[redacted]"}}' });

    expect(firstCode(await staff.session.gql(AuditEvents, { first: 1 }))).toBe('FORBIDDEN');
    expect(firstCode(await startupOwner.session.gql(AuditEvents, { first: 1 }))).toBe('FORBIDDEN');
  });
});
