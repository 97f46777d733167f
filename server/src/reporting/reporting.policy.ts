import { type Actor, isStaff, requireUser } from '../shared/actor';
import { forbidden } from '../shared/errors';

/**
 * Reports and exports show every organisation's activity at once, so they are for accelerator
 * staff alone: anyone signed out is UNAUTHENTICATED, anyone else FORBIDDEN.
 */
export function assertCanReport(actor: Actor): void {
  requireUser(actor);
  if (!isStaff(actor)) throw forbidden('Reports are for accelerator staff.');
}
