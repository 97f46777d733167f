import { z } from 'zod';
import { requireUser } from '../shared/actor';
import type { ServiceContext } from '../context/service-context';
import { AppError, forbidden, notFound } from '../shared/errors';
import { parseInput } from '../shared/validation';
import { sdlEnum } from '../shared/taxonomy';
import { toObjectId } from '../db/ids';
import type { PlatformRole, SetPlatformRolesInput } from '../graphql/generated/resolvers-types';
import { MembershipModel } from '../organisations/membership.model';
import { OrganisationModel } from '../organisations/organisation.model';
import { assertStrongPassword, hashPassword } from '../auth/password';
import { UserModel, type UserRecord } from './user.model';
import { platformPolicy } from './platform.policy';
import { normaliseEmail } from './user.service';

const setRolesSchema = z.strictObject({
  userId: z.string(),
  roles: z.array(sdlEnum<PlatformRole>('PlatformRole')).max(2),
});

/** Admins grant and remove STAFF and ADMIN. An admin cannot remove their own ADMIN, so the platform never loses its last one by accident. */
export async function setPlatformRoles(ctx: ServiceContext, input: SetPlatformRolesInput): Promise<UserRecord> {
  const admin = requireUser(ctx.actor);
  if (!platformPolicy.canSetPlatformRoles(ctx.actor)) throw forbidden('Only administrators can change platform roles.');
  const { userId, roles } = parseInput(setRolesSchema, input);
  if (userId === admin.userId && !roles.includes('ADMIN')) {
    throw new AppError('BAD_USER_INPUT', 'You cannot remove your own ADMIN role.', {
      fields: [{ field: 'roles', message: 'must keep ADMIN for yourself' }],
    });
  }
  const user = await UserModel.findByIdAndUpdate(
    toObjectId('User', userId),
    { $set: { platformRoles: [...new Set(roles)] } },
    { returnDocument: 'after' },
  ).lean();
  if (!user) throw notFound('User', userId);
  return user;
}

/** The accelerator and its first administrator, for a platform that has none yet. */
export interface PlatformBootstrap {
  acceleratorName: string;
  admin: { email: string; name: string; password: string };
}

const onlyThePlatform = () => forbidden('Only the platform itself can do this.');

/** True while nobody has an account, which is when the development start loads the demo. */
export async function isPlatformEmpty(ctx: ServiceContext): Promise<boolean> {
  if (!platformPolicy.canBootstrap(ctx.actor)) throw onlyThePlatform();
  return !(await UserModel.exists({}));
}

/**
 * Creates the accelerator organisation and its first ADMIN. Refuses once any admin exists, so it
 * is safe to run on every seed; everyone after that is invited and promoted by an admin.
 */
export async function bootstrapPlatform(ctx: ServiceContext, input: PlatformBootstrap): Promise<{ adminUserId: string; acceleratorId: string }> {
  if (!platformPolicy.canBootstrap(ctx.actor)) throw onlyThePlatform();
  if (await UserModel.exists({ platformRoles: 'ADMIN' })) {
    throw new AppError('CONFLICT', 'The platform already has an administrator.');
  }
  const email = normaliseEmail(input.admin.email);
  assertStrongPassword(input.admin.password, email);
  const accelerator = await OrganisationModel.create({
    name: input.acceleratorName,
    kind: 'ACCELERATOR',
    verified: true,
    verifiedAt: ctx.now,
  });
  const admin = await UserModel.create({
    email,
    name: input.admin.name,
    passwordHash: await hashPassword(input.admin.password),
    platformRoles: ['STAFF', 'ADMIN'],
  });
  await MembershipModel.create({ userId: admin._id, organisationId: accelerator._id, role: 'OWNER' });
  return { adminUserId: admin._id.toHexString(), acceleratorId: accelerator._id.toHexString() };
}
