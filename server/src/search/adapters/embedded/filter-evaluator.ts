import { assertNonEmptyGroup, type Filter, type FilterScalar } from '../../filter';
import type { SearchDocument } from '../../search-engine';

/** Values at a dotted path, arrays flattened: a condition on an array holds if any element satisfies it. */
export function valuesAt(document: SearchDocument, path: string): unknown[] | undefined {
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

/** Meilisearch compares strings case-insensitively and numbers numerically, whatever the quoting. */
function equals(stored: unknown, wanted: FilterScalar): boolean {
  if (typeof stored === 'number') {
    const number = typeof wanted === 'number' ? wanted : typeof wanted === 'string' && wanted.trim() !== '' ? Number(wanted) : NaN;
    return stored === number;
  }
  if (typeof stored === 'string' || typeof stored === 'boolean') {
    return String(stored).toLowerCase() === String(wanted).toLowerCase();
  }
  return false;
}

function compare(stored: unknown, op: 'gt' | 'gte' | 'lt' | 'lte', bound: number): boolean {
  if (typeof stored !== 'number') return false;
  switch (op) {
    case 'gt':
      return stored > bound;
    case 'gte':
      return stored >= bound;
    case 'lt':
      return stored < bound;
    case 'lte':
      return stored <= bound;
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
function hasKeyAt(document: SearchDocument, path: string): boolean {
  const keys = path.split('.');
  const last = keys.pop();
  if (last === undefined) return false;
  const parents = keys.length === 0 ? [document] : (valuesAt(document, keys.join('.')) ?? []);
  return parents.some((parent) => parent !== null && typeof parent === 'object' && Object.hasOwn(parent, last));
}
