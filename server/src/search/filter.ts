/**
 * A typed filter expression that both adapters understand. Callers build it with `f`
 * and never write filter strings, so user input reaches Meilisearch only as an escaped
 * quoted value.
 */
import { AppError } from '../shared/errors';

/** A value a document field can be compared with. */
export type FilterScalar = string | number | boolean;

/** The filter AST. Conditions on array fields hold when any element satisfies them. */
export type Filter =
  | { op: 'eq' | 'ne'; field: string; value: FilterScalar }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; field: string; value: number }
  | { op: 'in'; field: string; values: FilterScalar[] }
  | { op: 'exists'; field: string }
  | { op: 'not'; filter: Filter }
  | { op: 'and' | 'or'; filters: Filter[] };

/** Raised for filters that cannot be expressed safely; treat as a programming or input error. */
export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function field(name: string): string {
  if (!FIELD_NAME.test(name)) throw new FilterError(`Invalid filter field name: ${JSON.stringify(name)}`);
  return name;
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new FilterError(`Filter numbers must be finite, got ${value}`);
  // -0 would render as "0"; normalising keeps the AST equal to what Meilisearch reads back.
  return Object.is(value, -0) ? 0 : value;
}

/**
 * Meilisearch matches filter strings on a normalised form: trimmed, compatibility-decomposed
 * (NFKD) and lower-cased, so "ﬁ" equals "fi" and " Wales " equals "wales", but "ß" is not "ss".
 * The embedded engine compares the same way.
 */
export function normaliseFilterString(value: string): string {
  return value.trim().normalize('NFKD').toLowerCase();
}

/** Meilisearch keeps at most this many bytes of a normalised facet value; a longer filter value matches nothing. */
export const MAX_FILTER_STRING_BYTES = 468;

/** A filter value no engine can match as written; user input, so it is a BAD_USER_INPUT. */
export class FilterValueError extends AppError {
  constructor(message: string) {
    super('BAD_USER_INPUT', message);
    this.name = 'FilterValueError';
  }
}

/**
 * Refuses the strings a filter cannot carry, in both adapters alike: a lone UTF-16 surrogate
 * cannot travel as JSON to Meilisearch, and a value longer than Meilisearch stores could never
 * match there while it would in the embedded engine.
 */
function expressible(value: string): string {
  if (/\p{Cs}/u.test(value)) throw new FilterValueError('A filter value contains an unpaired surrogate (invalid text).');
  if (Buffer.byteLength(normaliseFilterString(value)) > MAX_FILTER_STRING_BYTES) {
    throw new FilterValueError(`A filter value may be at most ${MAX_FILTER_STRING_BYTES} bytes long.`);
  }
  return value;
}

function scalar(value: FilterScalar): FilterScalar {
  return typeof value === 'number' ? finite(value) : typeof value === 'string' ? expressible(value) : value;
}

/** The filter builder: `f.and(f.eq('status', 'OPEN'), f.in('sectors', ['HEALTH']))`. */
export const f = {
  eq: (name: string, value: FilterScalar): Filter => ({ op: 'eq', field: field(name), value: scalar(value) }),
  ne: (name: string, value: FilterScalar): Filter => ({ op: 'ne', field: field(name), value: scalar(value) }),
  gt: (name: string, value: number): Filter => ({ op: 'gt', field: field(name), value: finite(value) }),
  gte: (name: string, value: number): Filter => ({ op: 'gte', field: field(name), value: finite(value) }),
  lt: (name: string, value: number): Filter => ({ op: 'lt', field: field(name), value: finite(value) }),
  lte: (name: string, value: number): Filter => ({ op: 'lte', field: field(name), value: finite(value) }),
  in: (name: string, values: readonly FilterScalar[]): Filter => ({ op: 'in', field: field(name), values: values.map(scalar) }),
  exists: (name: string): Filter => ({ op: 'exists', field: field(name) }),
  not: (filter: Filter): Filter => ({ op: 'not', filter }),
  and: (first: Filter, ...rest: Filter[]): Filter => ({ op: 'and', filters: [first, ...rest] }),
  or: (first: Filter, ...rest: Filter[]): Filter => ({ op: 'or', filters: [first, ...rest] }),
};

/**
 * Quotes a string for Meilisearch 1.50's filter parser, which reads a quoted value in two steps:
 * it finds the closing quote (a backslash always takes the next character with it) and turns
 * backslash-quote into a quote, then it unescapes the rest as a Rust string literal, where a
 * backslash before anything but a known escape is malformed. Doubling every backslash and then
 * escaping every quote survives both steps, whatever the value.
 */
export function quoteMeiliString(value: string): string {
  return `"${expressible(value).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function renderScalar(value: FilterScalar): string {
  if (typeof value === 'string') return quoteMeiliString(value);
  return String(value);
}

/** Every field a filter reads, so an engine can reject fields the index does not declare filterable. */
export function filterFields(filter: Filter): string[] {
  switch (filter.op) {
    case 'not':
      return filterFields(filter.filter);
    case 'and':
    case 'or':
      return filter.filters.flatMap(filterFields);
    default:
      return [filter.field];
  }
}

/** Meilisearch has no literal true or false, so an empty AND/OR has no rendering; both adapters refuse it. */
export function assertNonEmptyGroup(filters: Filter[], op: 'and' | 'or'): void {
  if (filters.length === 0) throw new FilterError(`Empty ${op.toUpperCase()} group`);
}

const COMPARATORS = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Renders the AST as a Meilisearch filter string; every value is quoted or a plain number. */
export function renderMeiliFilter(filter: Filter): string {
  switch (filter.op) {
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${field(filter.field)} ${COMPARATORS[filter.op]} ${renderScalar(filter.value)}`;
    case 'in':
      return `${field(filter.field)} IN [${filter.values.map(renderScalar).join(', ')}]`;
    case 'exists':
      return `${field(filter.field)} EXISTS`;
    case 'not':
      return `NOT (${renderMeiliFilter(filter.filter)})`;
    case 'and':
    case 'or':
      assertNonEmptyGroup(filter.filters, filter.op);
      return filter.filters.map((child) => `(${renderMeiliFilter(child)})`).join(` ${filter.op.toUpperCase()} `);
  }
}
