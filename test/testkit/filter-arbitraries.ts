import fc from 'fast-check';
import { f, normaliseFilterString, type Filter, type FilterScalar } from '../../server/src/search/filter';
import type { SearchDocument } from '../../server/src/search/search-engine';

/**
 * The generators every filter test shares, so the renderer's unit tests and both engines'
 * property tests face the same inputs: arbitrary unicode, and strings dense in quotes,
 * backslashes, brackets, operators and whitespace that could break out of a quoted value.
 */
export const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('"', "'", '\\', ' ', 'a', 'A', 'é', 'ﬁ', ')', '(', ']', 'OR', 'AND', 'NOT', '=', ',', '\n', '\t'), maxLength: 12 }),
);

/** Random filters over the given fields; `strings` supplies string values (mix in stored values to get matches). */
export function filterArbitraryOver(fields: string[], strings: fc.Arbitrary<string>): fc.Arbitrary<Filter> {
  const fieldName = fc.constantFrom(...fields);
  const scalar: fc.Arbitrary<FilterScalar> = fc.oneof(strings, fc.integer({ min: -1000, max: 1000 }), fc.boolean());
  const number = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
  const comparison = fc.constantFrom('gt', 'gte', 'lt', 'lte') as fc.Arbitrary<'gt' | 'gte' | 'lt' | 'lte'>;
  return fc.letrec<{ filter: Filter }>((tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(fieldName, scalar).map(([name, value]) => f.eq(name, value)),
      fc.tuple(fieldName, scalar).map(([name, value]) => f.ne(name, value)),
      fc.tuple(fieldName, number, comparison).map(([name, value, op]) => f[op](name, value)),
      fc.tuple(fieldName, fc.array(scalar, { minLength: 1, maxLength: 4 })).map(([name, values]) => f.in(name, values)),
      fieldName.map((name) => f.exists(name)),
      tie('filter').map((inner) => f.not(inner)),
      fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map(([first, ...rest]) => f.and(first as Filter, ...rest)),
      fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map(([first, ...rest]) => f.or(first as Filter, ...rest)),
    ),
  })).filter;
}

/** Documents with a string-or-boolean field, a string array, a nullable number and a nested string. */
export const filterDocumentArbitrary = fc.record(
  {
    status: fc.oneof(fc.constantFrom('OPEN', 'open', 'CLOSED'), nastyString, fc.boolean()),
    sectors: fc.array(fc.oneof(fc.constantFrom('HEALTH', 'DEFENCE'), nastyString), { maxLength: 3 }),
    budget: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constant(null)),
    org: fc.record({ region: fc.oneof(fc.constantFrom('London', 'Wales'), nastyString) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** Every leaf value at a dotted path, arrays flattened; undefined when the path is absent. */
function leaves(document: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(document) ? document : [document];
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return [];
  const [key, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(document, key)) return [];
  return leaves((document as Record<string, unknown>)[key], rest);
}

/** What Meilisearch indexes for a string: nothing for '', else the normalised form's first 468 bytes. */
function indexedString(value: string): string | undefined {
  if (value === '') return undefined;
  const bytes = Buffer.from(normaliseFilterString(value));
  if (bytes.length <= 468) return bytes.toString();
  let end = 468;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString();
}

/**
 * The filter semantics written plainly, as the oracle both engines are checked against: what
 * Meilisearch 1.50 was observed to do. Strings compare in normalised form, and in byte order
 * against a number as the filter spells it; numbers compare numerically, also with a quoted
 * value that Rust reads as a number.
 */
export function referenceMatches(document: SearchDocument, filter: Filter): boolean {
  const values = (field: string) => leaves(document, field.split('.')).filter((value) => value !== null && value !== undefined);
  const same = (stored: unknown, wanted: FilterScalar): boolean => {
    if (typeof stored === 'number') {
      if (typeof wanted === 'number') return stored === wanted;
      return /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(String(wanted)) && stored === Number(wanted);
    }
    const indexed = indexedString(String(stored));
    return indexed !== undefined && indexed === normaliseFilterString(String(wanted));
  };
  const order = (stored: unknown, bound: number): number | undefined => {
    if (typeof stored === 'number') return stored - bound;
    const indexed = typeof stored === 'string' || typeof stored === 'boolean' ? indexedString(String(stored)) : undefined;
    return indexed === undefined ? undefined : Buffer.compare(Buffer.from(indexed), Buffer.from(String(bound)));
  };
  const ranged = (field: string, bound: number, holds: (order: number) => boolean) =>
    values(field).some((value) => {
      const result = order(value, bound);
      return result !== undefined && holds(result);
    });
  switch (filter.op) {
    case 'eq':
      return values(filter.field).some((value) => same(value, filter.value));
    case 'ne':
      return !values(filter.field).some((value) => same(value, filter.value));
    case 'in':
      return values(filter.field).some((value) => filter.values.some((wanted) => same(value, wanted)));
    case 'gt':
      return ranged(filter.field, filter.value, (result) => result > 0);
    case 'gte':
      return ranged(filter.field, filter.value, (result) => result >= 0);
    case 'lt':
      return ranged(filter.field, filter.value, (result) => result < 0);
    case 'lte':
      return ranged(filter.field, filter.value, (result) => result <= 0);
    case 'exists': {
      const path = filter.field.split('.');
      const last = path.pop() as string;
      const parents = path.length === 0 ? [document] : leaves(document, path);
      return parents.some((parent) => parent !== null && typeof parent === 'object' && Object.hasOwn(parent, last));
    }
    case 'not':
      return !referenceMatches(document, filter.filter);
    case 'and':
      return filter.filters.every((child) => referenceMatches(document, child));
    case 'or':
      return filter.filters.some((child) => referenceMatches(document, child));
  }
}
