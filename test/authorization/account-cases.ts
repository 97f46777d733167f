import { addAcceleratorMember, registerOrganisation, uniqueEmail } from '../testkit/accounts';
import type { AuthorizationCase } from './run-case';
import type { Principal, World } from './principals';

async function emailOf(world: World, principal: Principal): Promise<string> {
  const response = await world.session(principal).agent.post('/graphql').set('Content-Type', 'application/json')
    .send({ query: '{ viewer { email } }' });
  return response.body.data?.viewer?.email ?? uniqueEmail('anonymous');
}

async function acceleratorId(world: World): Promise<string> {
  const response = await world.admin.agent.post('/graphql').set('Content-Type', 'application/json')
    .send({ query: '{ viewer { organisations { organisation { id kind } } } }' });
  const organisations = response.body.data.viewer.organisations as { organisation: { id: string; kind: string } }[];
  return organisations.find((entry) => entry.organisation.kind === 'ACCELERATOR')?.organisation.id ?? '';
}

const freshUnverifiedStartup = (world: World) => registerOrganisation(world.app, 'STARTUP', { verified: false, label: 'unverified' });

/** Accounts and organisations: verification, profiles, invitations and platform roles. */
export const accountCases: AuthorizationCase[] = [
  {
    field: 'Mutation.verifyOrganisation',
    document: 'mutation($input: VerifyOrganisationInput!) { verifyOrganisation(input: $input) { id verified } }',
    allowed: ['staff', 'admin'],
    prepare: async (world) => ({ input: { organisationId: (await freshUnverifiedStartup(world)).organisationId } }),
  },
  {
    field: 'Mutation.updateOrganisation',
    document: 'mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }',
    allowed: ['staff', 'admin'],
    prepare: async (world) => ({ input: { organisationId: world.owningBody.organisationId, description: 'Updated description.' } }),
  },
  {
    // Staff curate tenants and never invite into one that has owners.
    field: 'Mutation.inviteMember',
    document: 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
    allowed: ['owningBodyMember'],
    prepare: async (world) => ({ input: { organisationId: world.owningBody.organisationId, email: uniqueEmail('invitee') } }),
  },
  {
    // Staff impersonation: the caller invites themselves as OWNER of a start-up they do not own.
    field: 'Mutation.inviteMember',
    document: 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
    allowed: [],
    prepare: async (world, principal) => ({
      input: { organisationId: world.respondingStartup.organisationId, email: await emailOf(world, principal), role: 'OWNER' },
    }),
  },
  {
    field: 'Mutation.acceptInvitation',
    document: 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id } }',
    allowed: ['owningBodyMember', 'otherBodyMember', 'respondingStartupMember', 'otherStartupMember', 'staff', 'admin'],
    prepare: async (world, principal) => {
      // An unverified public body, so that joining it gives the principal no new rights in later cases.
      // Staff join only the accelerator (no tenant may take them in), so they are invited there.
      const inviter =
        principal === 'staff' || principal === 'admin'
          ? { session: world.admin, organisationId: await acceleratorId(world) }
          : await registerOrganisation(world.app, 'PUBLIC_BODY', { verified: false, label: 'inviter' });
      const email = await emailOf(world, principal);
      await inviter.session.agent.post('/graphql').set('Content-Type', 'application/json').send({
        query: 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
        variables: { input: { organisationId: inviter.organisationId, email } },
      });
      return { input: { token: world.app.invitationTokenFor(email) } };
    },
  },
  {
    field: 'Mutation.setPlatformRoles',
    document: 'mutation($input: SetPlatformRolesInput!) { setPlatformRoles(input: $input) { id roles } }',
    allowed: ['admin'],
    prepare: async (world) => ({ input: { userId: (await addAcceleratorMember(world.app)).userId, roles: ['STAFF'] } }),
  },
  {
    // The other way into a tenant: making one of its members a curator. Nobody may, admins included.
    field: 'Mutation.setPlatformRoles',
    document: 'mutation($input: SetPlatformRolesInput!) { setPlatformRoles(input: $input) { id roles } }',
    allowed: [],
    prepare: async (world) => ({ input: { userId: (await freshUnverifiedStartup(world)).userId, roles: ['STAFF'] } }),
  },
  {
    field: 'Query.organisation',
    document: 'query($id: ID!) { organisation(id: $id) { id name } }',
    allowed: ['staff', 'admin'],
    prepare: async (world) => ({ id: (await freshUnverifiedStartup(world)).organisationId }),
  },
  {
    field: 'Query.organisation',
    document: 'query($id: ID!) { organisation(id: $id) { id members { email } } }',
    allowed: ['owningBodyMember', 'staff', 'admin'],
    prepare: async (world) => ({ id: world.owningBody.organisationId }),
    succeeded: (data) => ((data.organisation as { members: unknown[] } | null)?.members.length ?? 0) > 0,
  },
  {
    field: 'Query.organisations',
    document: 'query { organisations(filter: { verified: false }, first: 100) { edges { node { id } } } }',
    allowed: ['staff', 'admin'],
    prepare: async (world) => ({ expected: (await freshUnverifiedStartup(world)).organisationId }),
    succeeded: (data, _world, variables) =>
      (data.organisations as { edges: { node: { id: string } }[] }).edges.some((edge) => edge.node.id === variables.expected),
  },
  {
    field: 'Query.auditEvents',
    document: 'query { auditEvents(first: 100) { edges { node { actorId operation outcome } } } }',
    allowed: ['admin'],
    prepare: async () => ({}),
  },
];
