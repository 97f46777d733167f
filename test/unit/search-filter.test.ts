import fc from 'fast-check';
import { matchesFilter } from '../../server/src/search/adapters/embedded/filter-evaluator';
import { f, FilterError, quoteMeiliString, readMeiliQuoted, renderMeiliFilter, type Filter, type FilterScalar } from '../../server/src/search/filter';

/**
 * A reader for the Meilisearch filter grammar our renderer emits (conditions, IN, EXISTS,
 * NOT, AND, OR, parentheses). Quoted values go through readMeiliQuoted, whose port of
 * Meilisearch's own quoting rule is pinned by the hand examples below.
 */
function parseMeiliFilter(source: string): Filter {
  let position = 0;
  const skipSpace = () => {
    while (source[position] === ' ') position += 1;
  };
  const keyword = (word: string): boolean => {
    skipSpace();
    if (source.startsWith(word, position) && !/[A-Za-z0-9_.]/.test(source[position + word.length] ?? '')) {
      position += word.length;
      return true;
    }
    return false;
  };
  const expect = (text: string) => {
    skipSpace();
    if (!source.startsWith(text, position)) throw new Error(`Expected ${text} at ${position} in ${source}`);
    position += text.length;
  };
  const value = (): FilterScalar => {
    skipSpace();
    const quote = source[position];
    if (quote === '"' || quote === "'") {
      const read = readMeiliQuoted(source.slice(position + 1), quote);
      if (!read) throw new Error(`Unclosed quote in ${source}`);
      position += read.length + 2;
      return read.value;
    }
    const token = /^[^\s,\]()]+/.exec(source.slice(position))?.[0];
    if (!token) throw new Error(`Expected a value at ${position} in ${source}`);
    position += token.length;
    return Number.isNaN(Number(token)) ? token : Number(token);
  };
  const condition = (): Filter => {
    skipSpace();
    const field = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(position))?.[0];
    if (!field) throw new Error(`Expected a field at ${position} in ${source}`);
    position += field.length;
    if (keyword('EXISTS')) return { op: 'exists', field };
    if (keyword('IN')) {
      expect('[');
      const values: FilterScalar[] = [];
      skipSpace();
      while (source[position] !== ']') {
        values.push(value());
        skipSpace();
        if (source[position] === ',') position += 1;
        skipSpace();
      }
      position += 1;
      return { op: 'in', field, values };
    }
    skipSpace();
    const operator = /^(!=|>=|<=|=|>|<)/.exec(source.slice(position))?.[0];
    position += operator?.length ?? 0;
    const ops = { '=': 'eq', '!=': 'ne', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' } as const;
    const op = operator ? ops[operator as keyof typeof ops] : undefined;
    if (!op) throw new Error(`Expected an operator at ${position} in ${source}`);
    return { op, field, value: value() } as Filter;
  };
  const primary = (): Filter => {
    if (keyword('NOT')) return { op: 'not', filter: primary() };
    skipSpace();
    if (source[position] === '(') {
      position += 1;
      const inner = or();
      expect(')');
      return inner;
    }
    return condition();
  };
  const and = (): Filter => {
    const filters = [primary()];
    while (keyword('AND')) filters.push(primary());
    return filters.length === 1 ? (filters[0] as Filter) : { op: 'and', filters };
  };
  const or = (): Filter => {
    const filters = [and()];
    while (keyword('OR')) filters.push(and());
    return filters.length === 1 ? (filters[0] as Filter) : { op: 'or', filters };
  };
  const result = or();
  skipSpace();
  if (position !== source.length) throw new Error(`Trailing input at ${position} in ${source}`);
  return result;
}

/** Booleans render unquoted and read back as words; Meilisearch stores them as "true"/"false" facets. */
function normalise(filter: Filter): Filter {
  const scalar = (value: FilterScalar) => (typeof value === 'boolean' ? String(value) : value);
  switch (filter.op) {
    case 'eq':
    case 'ne':
      return { ...filter, value: scalar(filter.value) };
    case 'in':
      return { ...filter, values: filter.values.map(scalar) };
    case 'not':
      return { op: 'not', filter: normalise(filter.filter) };
    case 'and':
    case 'or':
      return filter.filters.length === 1 ? normalise(filter.filters[0] as Filter) : { op: filter.op, filters: filter.filters.map(normalise) };
    default:
      return filter;
  }
}

const fieldName = fc.constantFrom('status', 'sectors', 'budget', 'org.region', 'tags');
/** Strings heavy in the characters that could break out of a quoted value. */
const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('"', "'", '\\', ' ', 'a', ')', '(', ']', 'OR', 'AND', 'NOT', '=', ',', '\n'), maxLength: 12 }),
);
const representable = nastyString.filter((value) => {
  try {
    quoteMeiliString(value);
    return true;
  } catch {
    return false;
  }
});
const scalar: fc.Arbitrary<FilterScalar> = fc.oneof(representable, fc.integer({ min: -1000, max: 1000 }), fc.boolean());
const number = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });

const filterArbitrary: fc.Arbitrary<Filter> = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fieldName, scalar).map(([name, value]) => f.eq(name, value)),
    fc.tuple(fieldName, scalar).map(([name, value]) => f.ne(name, value)),
    fc.tuple(fieldName, number, fc.constantFrom('gt', 'gte', 'lt', 'lte') as fc.Arbitrary<'gt' | 'gte' | 'lt' | 'lte'>).map(([name, value, op]) => f[op](name, value)),
    fc.tuple(fieldName, fc.array(scalar, { minLength: 1, maxLength: 4 })).map(([name, values]) => f.in(name, values)),
    fieldName.map((name) => f.exists(name)),
    tie('filter').map((inner) => f.not(inner)),
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map(([first, ...rest]) => f.and(first as Filter, ...rest)),
    fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map(([first, ...rest]) => f.or(first as Filter, ...rest)),
  ),
})).filter;

const documentArbitrary = fc.record(
  {
    status: fc.oneof(fc.constantFrom('OPEN', 'open', 'CLOSED'), representable, fc.boolean()),
    sectors: fc.array(fc.oneof(fc.constantFrom('HEALTH', 'DEFENCE'), representable), { maxLength: 3 }),
    budget: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constant(null)),
    org: fc.record({ region: fc.oneof(fc.constantFrom('London', 'Wales'), representable) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

describe('filter builder and Meilisearch rendering', () => {
  it('reads quoted values exactly as Meilisearch filter-parser does', () => {
    // Backslash-quote is unescaped; any other backslash is kept and consumes the next character.
    expect(readMeiliQuoted('a\\"b" rest', '"')).toEqual({ value: 'a"b', length: 4 });
    expect(readMeiliQuoted('a\\\\b"', '"')).toEqual({ value: 'a\\\\b', length: 4 });
    expect(readMeiliQuoted("it's\"", '"')).toEqual({ value: "it's", length: 4 });
    expect(readMeiliQuoted('unclosed', '"')).toBeUndefined();
    expect(readMeiliQuoted('trailing\\', '"')).toBeUndefined();
  });

  it('renders each operator in Meilisearch syntax', () => {
    const filter = f.and(
      f.eq('status', 'OPEN'),
      f.in('sectors', ['HEALTH', 'DEFENCE']),
      f.or(f.gte('budget', 1000), f.not(f.exists('closedAt'))),
      f.ne('flag', true),
    );
    expect(renderMeiliFilter(filter)).toBe(
      '(status = "OPEN") AND (sectors IN ["HEALTH", "DEFENCE"]) AND ((budget >= 1000) OR (NOT (closedAt EXISTS))) AND (flag != true)',
    );
  });

  it('refuses field names that could carry syntax, and non-finite numbers', () => {
    expect(() => f.eq('status = "x" OR a', 'y')).toThrow(FilterError);
    expect(() => f.gt('budget', Number.NaN)).toThrow(FilterError);
    expect(() => renderMeiliFilter({ op: 'and', filters: [] })).toThrow(FilterError);
  });

  it('renders any string value as exactly one condition holding that value, or refuses it', () => {
    fc.assert(
      fc.property(nastyString, (value) => {
        let rendered: string;
        try {
          rendered = renderMeiliFilter(f.eq('status', value));
        } catch (error) {
          // Only backslash sequences Meilisearch cannot spell are refused.
          expect(error).toBeInstanceOf(FilterError);
          expect(value).toContain('\\');
          return;
        }
        expect(parseMeiliFilter(rendered)).toEqual({ op: 'eq', field: 'status', value });
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips whole expressions, so embedded evaluation agrees with what Meilisearch reads', () => {
    fc.assert(
      fc.property(filterArbitrary, fc.array(documentArbitrary, { maxLength: 5 }), (filter, documents) => {
        const parsed = parseMeiliFilter(renderMeiliFilter(filter));
        expect(normalise(parsed)).toEqual(normalise(filter));
        for (const document of documents) expect(matchesFilter(document, parsed)).toBe(matchesFilter(document, filter));
      }),
      { numRuns: 500 },
    );
  });
});

describe('embedded filter semantics', () => {
  const challenge = { id: '1', status: 'OPEN', sectors: ['HEALTH', 'DEFENCE'], budget: 5000, closedAt: null, org: { region: 'Wales' } };

  it.each<[string, Filter, boolean]>([
    ['= is case-insensitive on strings', f.eq('status', 'open'), true],
    ['= matches any array element', f.eq('sectors', 'DEFENCE'), true],
    ['!= is the negation of =', f.ne('sectors', 'HEALTH'), false],
    ['!= holds when the field is missing', f.ne('missing', 'x'), true],
    ['> compares numbers', f.gt('budget', 4999), true],
    ['<= compares numbers', f.lte('budget', 4999), false],
    ['IN matches any listed value', f.in('sectors', ['TRANSPORT', 'HEALTH']), true],
    ['EXISTS holds for null', f.exists('closedAt'), true],
    ['EXISTS fails for a missing field', f.exists('missing'), false],
    ['dotted paths reach nested fields', f.eq('org.region', 'wales'), true],
    ['NOT negates', f.not(f.eq('status', 'OPEN')), false],
    ['OR of a miss and a hit', f.or(f.eq('status', 'CLOSED'), f.gte('budget', 5000)), true],
  ])('%s', (_name, filter, expected) => {
    expect(matchesFilter(challenge, filter)).toBe(expected);
  });
});
