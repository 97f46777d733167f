import { z } from 'zod';
import { requireUser } from '../shared/actor';
import type { ServiceContext } from '../context/service-context';
import { AppError, forbidden, notFound } from '../shared/errors';
import { parseInput } from '../shared/validation';
import { sdlEnum } from '../contract/taxonomy';
import { toObjectId } from '../db/ids';
import type { PlatformRole, SetPlatformRolesInput } from '../contract/generated/resolvers-types';
import { UserModel, type UserRecord } from '../users/user.model';
import { platformPolicy } from '../users/platform.policy';
import { organisationPolicy } from './organisation.policy';
import { loadUserActor } from './user-actor.service';

const setRolesSchema = z.strictObject({
  userId: z.string(),
  roles: z.array(sdlEnum<PlatformRole>('PlatformRole')).max(2),
});

const tenantMemberCannotBeStaff = () =>
  forbidden('This person belongs to a start-up or public body; curators must not act as a tenant. They need an account of their own for staff work.');

async function mayHold(userId: string, roles: readonly PlatformRole[]): Promise<boolean> {
  const person = await loadUserActor(userId);
  if (!person) throw notFound('User', userId);
  return organisationPolicy.mayHoldPlatformRoles(person, roles);
}

/**
 * Admins grant and remove STAFF and ADMIN, never to a member of a tenant. An admin cannot remove
 * their own ADMIN, so the platform never loses its last one by accident.
 */
export async function setPlatformRoles(ctx: ServiceContext, input: SetPlatformRolesInput): Promise<UserRecord> {
  const admin = requireUser(ctx.actor);
  if (!platformPolicy.canSetPlatformRoles(ctx.actor)) throw forbidden('Only administrators can change platform roles.');
  const { userId, roles } = parseInput(setRolesSchema, input);
  if (userId === admin.userId && !roles.includes('ADMIN')) {
    throw new AppError('BAD_USER_INPUT', 'You cannot remove your own ADMIN role.', {
      fields: [{ field: 'roles', message: 'must keep ADMIN for yourself' }],
    });
  }
  if (!(await mayHold(userId, roles))) throw tenantMemberCannotBeStaff();
  const granted = [...new Set(roles)];
  const before = await UserModel.findByIdAndUpdate(toObjectId('User', userId), { $set: { platformRoles: granted } }, { returnDocument: 'before' }).lean();
  if (!before) throw notFound('User', userId);
  // No transactions: an invitation accepted between the check and the write shows up now (and
  // acceptInvitation checks again after its own write), so one of the two always backs out.
  if (!(await mayHold(userId, roles))) {
    await UserModel.updateOne({ _id: before._id, platformRoles: granted }, { $set: { platformRoles: before.platformRoles } });
    throw tenantMemberCannotBeStaff();
  }
  return { ...before, platformRoles: granted };
}
