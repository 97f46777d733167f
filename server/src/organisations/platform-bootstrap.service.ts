import { AppError, forbidden } from '../shared/errors';
import type { ServiceContext } from '../context/service-context';
import { createUser, hasAdministrator, hasAnyUser } from '../users/user.service';
import { platformPolicy } from '../users/platform.policy';
import { MembershipModel } from './membership.model';
import { OrganisationModel } from './organisation.model';

/** The accelerator and its first administrator, for a platform that has none yet. */
export interface PlatformBootstrap {
  acceleratorName: string;
  admin: { email: string; name: string; password: string };
}

const onlyThePlatform = () => forbidden('Only the platform itself can do this.');

/** True while nobody has an account, which is when the development start loads the demo. */
export async function isPlatformEmpty(ctx: ServiceContext): Promise<boolean> {
  if (!platformPolicy.canBootstrap(ctx.actor)) throw onlyThePlatform();
  return !(await hasAnyUser());
}

/**
 * Creates the accelerator organisation and its first ADMIN. Refuses once any admin exists, so it
 * is safe to run on every seed; everyone after that is invited and promoted by an admin.
 */
export async function bootstrapPlatform(ctx: ServiceContext, input: PlatformBootstrap): Promise<{ adminUserId: string; acceleratorId: string }> {
  if (!platformPolicy.canBootstrap(ctx.actor)) throw onlyThePlatform();
  if (await hasAdministrator()) {
    throw new AppError('CONFLICT', 'The platform already has an administrator.');
  }
  // The platform creates its first admin itself, so there is no one to send a verification link to.
  const admin = await createUser({ ...input.admin, platformRoles: ['STAFF', 'ADMIN'], emailVerifiedAt: ctx.now });
  const accelerator = await OrganisationModel.create({
    name: input.acceleratorName,
    kind: 'ACCELERATOR',
    verified: true,
    verifiedAt: ctx.now,
  });
  await MembershipModel.create({ userId: admin._id, organisationId: accelerator._id, role: 'OWNER' });
  return { adminUserId: admin._id.toHexString(), acceleratorId: accelerator._id.toHexString() };
}
