import { z } from 'zod';
import { requireUser } from '../shared/actor';
import type { ServiceContext } from '../context/service-context';
import { AppError, forbidden, notFound } from '../shared/errors';
import { parseInput } from '../shared/validation';
import { sdlEnum } from '../contract/taxonomy';
import { toObjectId } from '../db/ids';
import type { PlatformRole, SetPlatformRolesInput } from '../contract/generated/resolvers-types';
import { UserModel, type UserRecord } from './user.model';
import { platformPolicy } from './platform.policy';

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
