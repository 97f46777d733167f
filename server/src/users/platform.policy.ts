import { type Actor, isAdmin, isSystem } from '../shared/actor';

/** Who may change the platform's own set-up, as opposed to any one organisation's. */
export const platformPolicy = {
  /** Only the platform itself creates the accelerator and its first admin (seeds, first start). */
  canBootstrap: (actor: Actor) => isSystem(actor),
  canSetPlatformRoles: (actor: Actor) => isAdmin(actor),
};
