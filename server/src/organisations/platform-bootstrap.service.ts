import { AppError } from '../shared/errors';
import { createUser, hasAdministrator } from '../users/user.service';
import { MembershipModel } from './membership.model';
import { OrganisationModel } from './organisation.model';

/** The accelerator and its first administrator, for a platform that has none yet. */
export interface PlatformBootstrap {
  acceleratorName: string;
  admin: { email: string; name: string; password: string };
}

/**
 * Creates the accelerator organisation and its first ADMIN. Refuses once any admin exists, so it
 * is safe to run on every seed; everyone after that is invited and promoted by an admin.
 */
export async function bootstrapPlatform(input: PlatformBootstrap): Promise<{ adminUserId: string; acceleratorId: string }> {
  if (await hasAdministrator()) {
    throw new AppError('CONFLICT', 'The platform already has an administrator.');
  }
  const admin = await createUser({ ...input.admin, platformRoles: ['STAFF', 'ADMIN'] });
  const accelerator = await OrganisationModel.create({
    name: input.acceleratorName,
    kind: 'ACCELERATOR',
    verified: true,
    verifiedAt: new Date(),
  });
  await MembershipModel.create({ userId: admin._id, organisationId: accelerator._id, role: 'OWNER' });
  return { adminUserId: admin._id.toHexString(), acceleratorId: accelerator._id.toHexString() };
}
