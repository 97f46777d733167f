import { type Actor, isStaff, memberOrganisationIds } from './actor';

/** One condition on a record field that makes it public: a fixed value, or a moment still ahead. */
export type PublicCondition = { field: string; equals: string | boolean } | { field: string; after: 'now' };

/**
 * A feature's one statement of "public, or your own, or everything for staff": the conditions
 * that make a record public, and the field naming the organisation that owns it. db/ renders it
 * to a Mongo condition for lists and search/ to an engine filter, so the two never disagree.
 * Search documents carry the owner as `organisationId` whatever the record calls it.
 */
export interface VisibilityRule {
  publicWhen: PublicCondition[];
  /** The record field holding the owning organisation's id; `organisationId` unless said otherwise. */
  ownerField?: string;
}

/** Whom a rule is applied for: staff see everything, anyone else public records plus their organisations'. */
export type Audience = { everything: true } | { everything: false; ownOrganisationIds: string[] };

export function audienceOf(actor: Actor): Audience {
  return isStaff(actor) ? { everything: true } : { everything: false, ownOrganisationIds: memberOrganisationIds(actor) };
}
