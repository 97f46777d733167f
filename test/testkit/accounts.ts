import crypto from 'node:crypto';
import { graphql } from '../generated';
import { ViewerOrganisationsQuery } from './operations';
import { TEST_PASSWORD, type TestApp, type TestSession } from './test-app';

let counter = 0;

/** A unique, readable email for a test person. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${counter}-${crypto.randomUUID().slice(0, 8)}@pilotline.test`;
}

export interface Account {
  session: TestSession;
  email: string;
  userId: string;
  organisationId: string;
}

const VerifyOrganisationMutation = graphql(`
  mutation TestkitVerifyOrganisation($input: VerifyOrganisationInput!) {
    verifyOrganisation(input: $input) {
      id
      verified
    }
  }
`);

const SetPlatformRolesMutation = graphql(`
  mutation TestkitSetPlatformRoles($input: SetPlatformRolesInput!) {
    setPlatformRoles(input: $input) {
      id
    }
  }
`);

/** Opens the verification link mailed to `email`, as its owner would, then signs in. */
export async function verifyAndSignIn(app: TestApp, session: TestSession, email: string): Promise<void> {
  const verified = await session.post('/auth/verify-email', { token: await app.verificationTokenFor(email) });
  if (verified.status !== 200) throw new Error(`verification failed for ${email}: ${verified.status} ${JSON.stringify(verified.body)}`);
  await session.login(email);
}

async function signedIn(session: TestSession, email: string): Promise<Account> {
  const data = await session.gqlOk(ViewerOrganisationsQuery);
  if (!data.viewer) throw new Error(`${email} is not signed in`);
  return {
    session,
    email,
    userId: data.viewer.id,
    organisationId: data.viewer.organisations[0]?.organisation.id ?? '',
  };
}

/** Registers someone who creates an organisation; `verified` has staff verify it (the default). */
export async function registerOrganisation(
  app: TestApp,
  kind: 'STARTUP' | 'PUBLIC_BODY',
  options: { name?: string; verified?: boolean; label?: string } = {},
): Promise<Account> {
  const email = uniqueEmail(options.label ?? kind.toLowerCase());
  const session = app.session();
  const response = await session.post('/auth/register', {
    email,
    password: TEST_PASSWORD,
    name: `Test ${kind}`,
    organisation: {
      name: options.name ?? `${kind === 'STARTUP' ? 'Startup' : 'Council'} ${counter}`,
      kind,
      ...(kind === 'PUBLIC_BODY' ? { publicBodyType: 'COUNCIL' } : {}),
      region: 'LONDON',
    },
  });
  if (response.status !== 202) throw new Error(`registration failed: ${response.status} ${JSON.stringify(response.body)}`);
  await verifyAndSignIn(app, session, email);
  const account = await signedIn(session, email);
  if (options.verified ?? true) {
    await (await app.admin()).gqlOk(VerifyOrganisationMutation, { input: { organisationId: account.organisationId } });
  }
  return account;
}

/** Invites a new person into an existing account's organisation and registers them. */
export async function addMember(app: TestApp, inviter: Account, role: 'OWNER' | 'MEMBER' = 'MEMBER'): Promise<Account> {
  const email = uniqueEmail('member');
  const InviteMutation = graphql(`
    mutation TestkitInvite($input: InviteMemberInput!) {
      inviteMember(input: $input) {
        id
      }
    }
  `);
  await inviter.session.gqlOk(InviteMutation, { input: { organisationId: inviter.organisationId, email, role } });
  const session = app.session();
  const response = await session.post('/auth/register', {
    email,
    password: TEST_PASSWORD,
    name: 'Invited Member',
    invitationToken: app.invitationTokenFor(email),
  });
  if (response.status !== 202) throw new Error(`invited registration failed: ${JSON.stringify(response.body)}`);
  await verifyAndSignIn(app, session, email);
  return signedIn(session, email);
}

/** Someone the admin invited into the accelerator, who holds no platform role yet. */
export async function addAcceleratorMember(app: TestApp): Promise<Account> {
  return addMember(app, await signedIn(await app.admin(), 'admin'));
}

/** An accelerator staff member: invited to the accelerator by the admin, then given STAFF. */
export async function registerStaff(app: TestApp): Promise<Account> {
  const admin = await app.admin();
  const staff = await addAcceleratorMember(app);
  await admin.gqlOk(SetPlatformRolesMutation, { input: { userId: staff.userId, roles: ['STAFF'] } });
  return staff;
}
