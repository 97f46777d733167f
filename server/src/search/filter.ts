/**
 * A typed filter expression that both adapters understand. Callers build it with `f`
 * and never write filter strings, so user input reaches Meilisearch only as an escaped
 * quoted value.
 */

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

function scalar(value: FilterScalar): FilterScalar {
  return typeof value === 'number' ? finite(value) : value;
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
 * Meilisearch's reading of a quoted value (a port of filter-parser's `quoted_by`): a
 * backslash always consumes the next character, and only backslash-quote is unescaped;
 * other backslashes stay literal. Returns the decoded value and how many characters of
 * `input` (after the opening quote) were consumed up to the closing quote, or undefined
 * when the quote never closes.
 */
export function readMeiliQuoted(input: string, quote: '"' | "'"): { value: string; length: number } | undefined {
  let escaped = false;
  for (let index = 0; index < input.length; index += 1) {
    const char = input[index];
    if (char === quote) {
      const raw = input.slice(0, index);
      return { value: escaped ? raw.split(`\\${quote}`).join(quote) : raw, length: index };
    }
    if (char === '\\') {
      index += 1;
      if (index >= input.length) return undefined;
      if (input[index] === quote) escaped = true;
    }
  }
  return undefined;
}

/**
 * Quotes a string so Meilisearch reads back exactly the same value. Meilisearch cannot
 * express some backslash sequences (e.g. a trailing backslash); those are refused rather
 * than approximated, because an approximation could match other documents.
 */
export function quoteMeiliString(value: string): string {
  for (const quote of ['"', "'"] as const) {
    const body = value.split(quote).join(`\\${quote}`);
    const read = readMeiliQuoted(`${body}${quote}`, quote);
    if (read && read.length === body.length && read.value === value) return `${quote}${body}${quote}`;
  }
  throw new FilterError('This filter value contains a backslash sequence that Meilisearch cannot express.');
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
