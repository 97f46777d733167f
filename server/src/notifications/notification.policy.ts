import { type Actor, isSystem } from '../shared/actor';

/** Who may do what with notifications: each user reads and marks only their own (the services filter by the user). */
export const notificationPolicy = {
  /** Only the platform turns events into notifications and sends their email: no user can notify anyone. */
  canDeliver: (actor: Actor) => isSystem(actor),
};
