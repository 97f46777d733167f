import type { Actor } from '../shared/actor';
import { audienceOf, type VisibilityRule } from '../shared/visibility';
import { f, type Filter } from './filter';
import type { SortSpec } from './search-engine';
import type { SearchMode } from './hybrid-search';

/** The part of every search input the generic search reads; each index adds its own typed filters. */
export interface SearchInput<Facet extends string, Sort extends string> {
  query?: string | null;
  facets?: Facet[] | null;
  sort?: Sort | null;
  first?: number | null;
  after?: string | null;
  /** Only for faces with `semantic`; HYBRID by default when the model is loaded. */
  mode?: SearchMode | null;
}

/**
 * How one index is queried, declared by its feature beside the documents it indexes: which GraphQL
 * facets and sorts map to which document fields, which fields are highlighted, who may find what,
 * and how the typed input narrows the results. Discovery runs any face the same way.
 */
export interface SearchFace<Input extends SearchInput<Facet, Sort>, R, Facet extends string = string, Sort extends string = string> {
  visibility: VisibilityRule;
  facets: Record<Facet, string>;
  sorts: Record<Sort | 'RELEVANCE', SortSpec[]>;
  highlight: string[];
  /** The index's documents carry vectors (the source has embedding text), so meaning can rank them. */
  semantic?: boolean;
  /** The input's own filters; BAD_USER_INPUT for values the SDL's types cannot rule out. */
  narrow(input: Input, now: Date): (Filter | undefined)[];
  /** Re-checked on every loaded record: the index decides what matches, the database what is shown. */
  canSee(actor: Actor, record: R): boolean;
}

/** A search source that can be queried: its index and its face. */
export interface Searchable<Input extends SearchInput<string, string>, R> {
  index: string;
  query: SearchFace<Input, R>;
}

/** The engine filter for what the actor may find under `rule` (none for staff). */
export function visibleFilter(rule: VisibilityRule, actor: Actor, now: Date): Filter | undefined {
  const audience = audienceOf(actor);
  if (audience.everything) return undefined;
  const [first, ...rest] = rule.publicWhen.map((condition) =>
    'equals' in condition ? f.eq(condition.field, condition.equals) : f.gt(condition.field, now.getTime()),
  );
  if (!first) throw new Error('a visibility rule needs at least one public condition');
  const isPublic = rest.length > 0 ? f.and(first, ...rest) : first;
  return audience.ownOrganisationIds.length > 0 ? f.or(isPublic, f.in('organisationId', audience.ownOrganisationIds)) : isPublic;
}

/** Every present filter, joined with AND. */
export function allOf(filters: (Filter | undefined)[]): Filter | undefined {
  const [first, ...rest] = filters.filter((filter): filter is Filter => filter !== undefined);
  return first ? (rest.length > 0 ? f.and(first, ...rest) : first) : undefined;
}

/** `field` holds one of `values`; no filter for an empty or absent list. */
export function anyOf(field: string, values: readonly (string | number)[] | null | undefined): Filter | undefined {
  return values && values.length > 0 ? f.in(field, values) : undefined;
}
