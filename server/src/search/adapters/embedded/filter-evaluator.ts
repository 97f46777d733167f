import { assertNonEmptyGroup, MAX_FILTER_STRING_BYTES, normaliseFilterString, type Filter, type FilterScalar } from '../../filter';
import type { SearchDocument } from '../../search-engine';

/** Values at a dotted path, arrays flattened: a condition on an array holds if any element satisfies it. */
export function valuesAt(document: SearchDocument, path: string): unknown[] | undefined {
  // A top-level field, the usual case, without splitting the path: indexing asks about every attribute of every document.
  if (!path.includes('.')) {
    const child = Object.hasOwn(document, path) ? document[path] : undefined;
    if (child === undefined) return undefined;
    if (!Array.isArray(child)) return [child];
    return child.length > 0 ? child : undefined;
  }
  let current: unknown[] = [document];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)) {
        const child = (value as Record<string, unknown>)[key];
        if (child !== undefined) next.push(...(Array.isArray(child) ? child : [child]));
      }
    }
    if (next.length === 0) return undefined;
    current = next;
  }
  return current;
}

/** Rust's f64 syntax, which Meilisearch uses to read a quoted value as a number: no surrounding spaces, no hex. */
const RUST_FLOAT = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)$/i;

/**
 * The string Meilisearch indexes for a stored value: normalised, and only its first bytes when
 * long, cut at a character boundary. Empty strings are not indexed at all (undefined).
 */
function storedForm(value: string): string | undefined {
  const known = storedForms.get(value);
  if (known !== undefined || storedForms.has(value)) return known;
  // Filterable values repeat (statuses, sectors, regions), so each is normalised once; bounded against odd streams.
  if (storedForms.size >= 100_000) storedForms.clear();
  const form = computeStoredForm(value);
  storedForms.set(value, form);
  return form;
}

const storedForms = new Map<string, string | undefined>();
const wantedForms = new Map<string, string>();

/** A filter value's normalised form, memoised: one filter compares it with every document. */
function wantedForm(value: string): string {
  let form = wantedForms.get(value);
  if (form === undefined) {
    if (wantedForms.size >= 10_000) wantedForms.clear();
    form = normaliseFilterString(value);
    wantedForms.set(value, form);
  }
  return form;
}

function computeStoredForm(value: string): string | undefined {
  if (value === '') return undefined;
  const normalised = normaliseFilterString(value);
  if (Buffer.byteLength(normalised) <= MAX_FILTER_STRING_BYTES) return normalised;
  let kept = '';
  let bytes = 0;
  for (const character of normalised) {
    bytes += Buffer.byteLength(character);
    if (bytes > MAX_FILTER_STRING_BYTES) break;
    kept += character;
  }
  return kept;
}

/** Meilisearch compares strings in normalised form (see normaliseFilterString) and numbers numerically, whatever the quoting. */
export function equals(stored: unknown, wanted: FilterScalar): boolean {
  if (typeof stored === 'number') {
    const number = typeof wanted === 'number' ? wanted : typeof wanted === 'string' && RUST_FLOAT.test(wanted) ? Number(wanted) : NaN;
    return stored === number;
  }
  if (typeof stored === 'string' || typeof stored === 'boolean') {
    return storedForm(String(stored)) === wantedForm(String(wanted));
  }
  return false;
}

/** Code point order, as Rust compares strings (UTF-16 order differs above U+D7FF). */
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = (left[index]?.codePointAt(0) ?? 0) - (right[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/**
 * Numbers compare numerically; strings and booleans, as Meilisearch does, compare in code point
 * order of their stored form against the number as the filter spells it.
 */
export function compare(stored: unknown, op: 'gt' | 'gte' | 'lt' | 'lte', bound: number): boolean {
  let order: number;
  if (typeof stored === 'number') order = stored - bound;
  else if (typeof stored === 'string' || typeof stored === 'boolean') {
    const form = storedForm(String(stored));
    if (form === undefined) return false;
    order = compareCodePoints(form, String(bound));
  } else return false;
  switch (op) {
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
  }
}

/** Evaluates a filter on one document with Meilisearch's semantics, so both adapters agree. */
export function matchesFilter(document: SearchDocument, filter: Filter): boolean {
  switch (filter.op) {
    case 'eq':
      return (valuesAt(document, filter.field) ?? []).some((value) => equals(value, filter.value));
    case 'ne':
      return !(valuesAt(document, filter.field) ?? []).some((value) => equals(value, filter.value));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const { op, value: bound } = filter;
      return (valuesAt(document, filter.field) ?? []).some((value) => compare(value, op, bound));
    }
    case 'in':
      return (valuesAt(document, filter.field) ?? []).some((value) => filter.values.some((wanted) => equals(value, wanted)));
    case 'exists':
      return hasKeyAt(document, filter.field);
    case 'not':
      return !matchesFilter(document, filter.filter);
    case 'and':
      assertNonEmptyGroup(filter.filters, 'and');
      return filter.filters.every((child) => matchesFilter(document, child));
    case 'or':
      assertNonEmptyGroup(filter.filters, 'or');
      return filter.filters.some((child) => matchesFilter(document, child));
  }
}

/** EXISTS holds whenever the key is present, even set to null or an empty array, as in Meilisearch. */
export function hasKeyAt(document: SearchDocument, path: string): boolean {
  const keys = path.split('.');
  const last = keys.pop();
  if (last === undefined) return false;
  const parents = keys.length === 0 ? [document] : (valuesAt(document, keys.join('.')) ?? []);
  return parents.some((parent) => parent !== null && typeof parent === 'object' && Object.hasOwn(parent, last));
}
