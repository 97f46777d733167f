import type { Actor } from '../shared/actor';
import { audienceOf, type VisibilityRule } from '../shared/visibility';
import { inOwnOrganisations } from './ownership';
import { trusted } from './trusted';

/** The Mongo condition for what a list may show the actor under `rule` (no condition for staff). */
export function visibleCondition(rule: VisibilityRule, actor: Actor, now: Date): Record<string, unknown> {
  if (audienceOf(actor).everything) return {};
  const isPublic = Object.fromEntries(
    rule.publicWhen.map((condition) => ('equals' in condition ? [condition.field, condition.equals] : [condition.field, trusted({ $gt: now })])),
  );
  return { $or: [isPublic, inOwnOrganisations(actor, rule.ownerField)] };
}
