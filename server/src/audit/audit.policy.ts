import { type Actor, isAdmin, isStaff } from '../shared/actor';

/** Whose actions are recorded, and who reads the record. */
export const auditPolicy = {
  /** Staff and admins act across every tenant; what they do is kept. Tenants act on their own data only. */
  isAudited: (actor: Actor) => isStaff(actor),
  /** Administrators read the log; the curators it records do not. */
  canRead: (actor: Actor) => isAdmin(actor),
};
