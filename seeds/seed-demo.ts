import { hasAnyUser } from '../server/src/users/user.service';
import { loadUserActor } from '../server/src/organisations/user-actor.service';
import { setPlatformRoles } from '../server/src/users/platform-role.service';
import { bootstrapPlatform } from '../server/src/organisations/platform-bootstrap.service';
import { registerAccount } from '../server/src/auth/registration.service';
import { inviteMember } from '../server/src/organisations/invitation.service';
import { verifyOrganisation } from '../server/src/organisations/organisation.service';
import { MembershipModel } from '../server/src/organisations/membership.model';
import { MemoryMailer } from '../server/src/mail/mailer';
import type { UserActor } from '../server/src/shared/actor';
import { readOrganisations, readUsers, type SeedOrganisation, type SeedUser } from './seed-data';
import { progress } from './progress';
import { seedChallenges } from './seed-challenges';
import { seedSolutions } from './seed-solutions';
import { seedResponses } from './seed-responses';

/** Every demo account signs in with this password; the README lists the accounts. */
export const DEMO_PASSWORD = 'pilotline-demo-2026';

/** True when no one has an account yet, which is when `npm start` loads the demo. */
export async function isDatabaseEmpty(): Promise<boolean> {
  return !(await hasAnyUser());
}

async function actorFor(userId: string): Promise<UserActor> {
  const actor = await loadUserActor(userId);
  if (!actor) throw new Error(`seeded user ${userId} cannot be loaded`);
  return actor;
}

/** Invites a user by email and registers them with the token the invitation email carries. */
async function inviteAndRegister(inviter: UserActor, organisationId: string, user: SeedUser, mailbox: MemoryMailer) {
  await inviteMember(inviter, { organisationId, email: user.email, role: user.membership }, { mailer: mailbox, publicUrl: 'http://seed' });
  const link = mailbox.sent.at(-1)?.text.match(/\/invitations\/([\w-]+)/);
  if (!link?.[1]) throw new Error(`no invitation token was mailed to ${user.email}`);
  return registerAccount({ email: user.email, password: DEMO_PASSWORD, name: user.name, invitationToken: link[1] });
}

/** What later seeding steps need from the people step: who acts for each organisation. */
export interface SeedContext {
  admin: UserActor;
  organisationIdByKey: Map<string, string>;
  /** The owner of an organisation, acting for it. */
  ownerOf(orgKey: string): UserActor;
  log: (message: string) => void;
}

/**
 * Loads the demo organisations and people through the same services the API uses:
 * owners register their organisations, staff verify them, owners invite their colleagues.
 */
async function seedPeople(log: (message: string) => void): Promise<SeedContext> {
  const organisations = readOrganisations();
  const users = readUsers();
  const mailbox = new MemoryMailer();
  const organisationByKey = new Map(organisations.map((org) => [org.key, org]));

  const accelerator = organisations.find((org) => org.kind === 'ACCELERATOR');
  const firstAdmin = users.find((user) => user.platformRoles.includes('ADMIN'));
  if (!accelerator || !firstAdmin) throw new Error('seeds/data needs an accelerator and an ADMIN user');
  const platform = await bootstrapPlatform({
    acceleratorName: accelerator.name,
    admin: { email: firstAdmin.email, name: firstAdmin.name, password: DEMO_PASSWORD },
  });
  const admin = await actorFor(platform.adminUserId);
  const organisationIds = new Map<string, string>([[accelerator.key, platform.acceleratorId]]);
  const ownerActors = new Map<string, UserActor>([[accelerator.key, admin]]);

  const owners = users.filter((user) => user.membership === 'OWNER' && user !== firstAdmin && user.orgKey !== accelerator.key);
  const ownerProgress = progress('organisations', owners.length, log);
  for (const owner of owners) {
    const org: SeedOrganisation | undefined = organisationByKey.get(owner.orgKey);
    if (!org) throw new Error(`user ${owner.email} names unknown organisation ${owner.orgKey}`);
    const { key: _key, verified, ...profile } = org;
    const userId = await registerAccount({ email: owner.email, password: DEMO_PASSWORD, name: owner.name, organisation: profile });
    const membership = await MembershipModel.findOne({ userId }).lean();
    if (!membership) throw new Error(`registration of ${owner.email} created no membership`);
    const organisationId = membership.organisationId.toHexString();
    organisationIds.set(org.key, organisationId);
    if (verified) await verifyOrganisation(admin, organisationId);
    ownerActors.set(org.key, await actorFor(userId));
    ownerProgress.tick();
  }

  const others = users.filter((user) => user !== firstAdmin && !owners.includes(user));
  const memberProgress = progress('people', others.length, log);
  for (const user of others) {
    const organisationId = organisationIds.get(user.orgKey);
    if (!organisationId) throw new Error(`user ${user.email} names organisation ${user.orgKey}, which has no owner`);
    const userId = await inviteAndRegister(admin, organisationId, user, mailbox);
    if (user.platformRoles.length > 0) await setPlatformRoles(admin, { userId, roles: user.platformRoles });
    memberProgress.tick();
  }
  log(`seeded ${organisationIds.size} organisations and ${users.length} people`);
  return {
    admin,
    organisationIdByKey: organisationIds,
    ownerOf(orgKey) {
      const owner = ownerActors.get(orgKey);
      if (!owner) throw new Error(`seed data names organisation ${orgKey}, which has no owner`);
      return owner;
    },
    log,
  };
}

/** Loads the whole demo: people and organisations, then the marketplace records they own. */
export async function seedDemo({ log }: { log: (message: string) => void }): Promise<void> {
  const context = await seedPeople(log);
  const challengeIds = await seedChallenges(context);
  const solutionIds = await seedSolutions(context);
  await seedResponses(context, challengeIds, solutionIds);
}
