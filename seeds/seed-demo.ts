import { loadUserActor } from '../server/src/organisations/user-actor.service';
import { setPlatformRoles } from '../server/src/organisations/platform-role.service';
import { bootstrapPlatform, isPlatformEmpty } from '../server/src/organisations/platform-bootstrap.service';
import { registerAccount } from '../server/src/auth/registration.service';
import { issueInvitation } from '../server/src/organisations/invitation.service';
import { verifyOrganisation } from '../server/src/organisations/organisation.service';
import { actingAs, type ServiceContext } from '../server/src/context/service-context';
import { readOrganisations, readUsers, type SeedOrganisation, type SeedUser } from './seed-data';
import { progress } from './progress';
import { seedingContext, type SeedContext } from './seed-context';
import type { Config } from '../server/src/config/config';
import type { Logger } from '../server/src/shared/logger';
import { seedChallenges } from './seed-challenges';
import { seedSolutions } from './seed-solutions';
import { seedResponses } from './seed-responses';
import { seedPilots } from './seed-pilots';
import { markHistoryDelivered } from '../server/src/events/event-dispatcher';
import { eventSources } from '../server/src/event-sources';
import { workerConsumers } from '../server/src/worker-jobs';
import { rebuildChallengeRollups } from '../server/src/reporting/challenge-rollup';

/** Every demo account signs in with this password; the README lists the accounts. */
export const DEMO_PASSWORD = 'pilotline-demo-2026';

/** True when no one has an account yet, which is when `npm start` loads the demo. */
export function isDatabaseEmpty(system: ServiceContext): Promise<boolean> {
  return isPlatformEmpty(system);
}

/** The context of a seeded user, acting for themselves. */
async function contextOf(system: ServiceContext, userId: string): Promise<ServiceContext> {
  const actor = await loadUserActor(userId);
  if (!actor) throw new Error(`seeded user ${userId} cannot be loaded`);
  return actingAs(system, actor);
}

/** The platform invites a user into an organisation and the user registers with that invitation. */
async function inviteAndRegister(system: ServiceContext, organisationId: string, user: SeedUser) {
  const { token } = await issueInvitation(system, { organisationId, email: user.email, role: user.membership });
  return registerAccount(system, { email: user.email, password: DEMO_PASSWORD, name: user.name, invitationToken: token });
}

/**
 * Loads the demo organisations and people through the same services the API uses:
 * owners register their organisations, staff verify them, owners invite their colleagues.
 */
async function seedPeople(system: ServiceContext, log: (message: string) => void): Promise<SeedContext> {
  const organisations = readOrganisations();
  const users = readUsers();
  const organisationByKey = new Map(organisations.map((org) => [org.key, org]));

  const accelerator = organisations.find((org) => org.kind === 'ACCELERATOR');
  const firstAdmin = users.find((user) => user.platformRoles.includes('ADMIN'));
  if (!accelerator || !firstAdmin) throw new Error('seeds/data needs an accelerator and an ADMIN user');
  const platform = await bootstrapPlatform(system, {
    acceleratorName: accelerator.name,
    admin: { email: firstAdmin.email, name: firstAdmin.name, password: DEMO_PASSWORD },
  });
  const admin = await contextOf(system, platform.adminUserId);
  const organisationIds = new Map<string, string>([[accelerator.key, platform.acceleratorId]]);
  const owners = new Map<string, ServiceContext>([[accelerator.key, admin]]);

  const registeringOwners = users.filter((user) => user.membership === 'OWNER' && user !== firstAdmin && user.orgKey !== accelerator.key);
  const ownerProgress = progress('organisations', registeringOwners.length, log);
  for (const owner of registeringOwners) {
    const org: SeedOrganisation | undefined = organisationByKey.get(owner.orgKey);
    if (!org) throw new Error(`user ${owner.email} names unknown organisation ${owner.orgKey}`);
    const { key: _key, verified, ...profile } = org;
    const account = await registerAccount(system, { email: owner.email, password: DEMO_PASSWORD, name: owner.name, organisation: profile });
    organisationIds.set(org.key, account.organisationId);
    if (verified) await verifyOrganisation(admin, account.organisationId);
    owners.set(org.key, await contextOf(system, account.userId));
    ownerProgress.tick();
  }

  const others = users.filter((user) => user !== firstAdmin && !registeringOwners.includes(user));
  const memberProgress = progress('people', others.length, log);
  for (const user of others) {
    const organisationId = organisationIds.get(user.orgKey);
    if (!organisationId) throw new Error(`user ${user.email} names organisation ${user.orgKey}, which has no owner`);
    const { userId } = await inviteAndRegister(system, organisationId, user);
    if (user.platformRoles.length > 0) await setPlatformRoles(admin, { userId, roles: user.platformRoles });
    memberProgress.tick();
  }
  log(`seeded ${organisationIds.size} organisations and ${users.length} people`);
  return {
    system,
    admin,
    organisationIdByKey: organisationIds,
    ownerOf(orgKey) {
      const owner = owners.get(orgKey);
      if (!owner) throw new Error(`seed data names organisation ${orgKey}, which has no owner`);
      return owner;
    },
    log,
  };
}

/**
 * Loads the whole demo: people and organisations, then the marketplace records they own. `system`
 * is the platform's own context; every step acts through the services as the platform or as the
 * seeded people. The demo's events are history: consumers that only react as things happen
 * (notifications) are not handed them, so a fresh server's first real event is not queued behind
 * them; the others (the matcher, which makes the demo's suggestions) still are. The reports'
 * rollup is rebuilt from the imported records rather than recounted event by event.
 */
export async function seedDemo(system: ServiceContext, { log }: { log: (message: string) => void }): Promise<void> {
  const context = await seedPeople(system, log);
  const challengeIds = await seedChallenges(context);
  const solutionIds = await seedSolutions(context);
  await seedResponses(context, challengeIds, solutionIds);
  await seedPilots(context, challengeIds, solutionIds);
  await rebuildChallengeRollups();
  await markHistoryDelivered(eventSources, workerConsumers(system));
}

/** The development start's hook: loads the demo when SEED_ON_EMPTY is on and nobody has an account yet. */
export async function loadDemoWhenEmpty(config: Config, logger: Logger): Promise<void> {
  if (!config.seedOnEmpty) return;
  const system = seedingContext(config, logger);
  if (!(await isDatabaseEmpty(system))) return;
  logger.info('empty database: loading the demo data');
  await seedDemo(system, { log: (message) => logger.info(message) });
}
