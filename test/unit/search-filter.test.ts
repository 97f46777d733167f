import fc from 'fast-check';
import { filterArbitraryOver, filterDocumentArbitrary as documentArbitrary, nastyString } from '../testkit/filter-arbitraries';
import { matchesFilter } from '../../server/src/search/adapters/embedded/filter-evaluator';
import { f, FilterError, FilterValueError, renderMeiliFilter, type Filter, type FilterScalar } from '../../server/src/search/filter';

const RUST_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', t: '\t', r: '\r', '0': '\0' };

/**
 * Meilisearch 1.50's reading of a quoted value (filter-parser's `quoted_by`, then the `unescaper`
 * crate): find the closing quote, a backslash always taking the next character; turn
 * backslash-quote into a quote; then unescape the rest as a Rust literal, where an unknown
 * escape is malformed. Returns undefined where Meilisearch reports an error. Pinned by the hand
 * examples below, and checked against the real server by the engine property tests.
 */
function readMeiliQuoted(input: string, quote: '"' | "'"): { value: string; length: number } | undefined {
  let escaped = false;
  for (let index = 0; index < input.length; index += 1) {
    const char = input[index];
    if (char === quote) {
      const raw = input.slice(0, index);
      const value = (escaped ? raw.replaceAll(`\\${quote}`, quote) : raw).replace(/\\(.?)/gs, (_match, escape: string) => {
        const replacement = RUST_ESCAPES[escape];
        if (replacement === undefined) throw new Error(`Malformed value: ${raw}`);
        return replacement;
      });
      return { value, length: index };
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
 * A reader for the Meilisearch filter grammar our renderer emits (conditions, IN, EXISTS,
 * NOT, AND, OR, parentheses), quoted values read as above.
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

const fields = ['status', 'sectors', 'budget', 'org.region', 'tags'];
const filterArbitrary = filterArbitraryOver(fields, nastyString);

describe('filter builder and Meilisearch rendering', () => {
  it('reads quoted values as Meilisearch 1.50 filter-parser does', () => {
    // Cases from filter-parser's own tests: backslash-quote is a quote, a doubled backslash is one backslash.
    expect(readMeiliQuoted('a\\"b" rest', '"')).toEqual({ value: 'a"b', length: 4 });
    expect(readMeiliQuoted('aa\\\\aa"', '"')).toEqual({ value: 'aa\\aa', length: 6 });
    expect(readMeiliQuoted('Hello \\\\\\"world\\\\\\""', '"')).toEqual({ value: 'Hello \\"world\\"', length: 19 });
    expect(readMeiliQuoted("it's\"", '"')).toEqual({ value: "it's", length: 4 });
    expect(readMeiliQuoted('unclosed', '"')).toBeUndefined();
    expect(readMeiliQuoted('trailing\\', '"')).toBeUndefined();
    // The production failure: a lone backslash before a space is malformed.
    expect(() => readMeiliQuoted('Ynys Môn \\"Anglesey\\" \\ OR status = OPEN"', '"')).toThrow(/Malformed/);
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

  it('renders any string value as exactly one condition holding that value', () => {
    fc.assert(
      fc.property(nastyString, (value) => {
        expect(parseMeiliFilter(renderMeiliFilter(f.eq('status', value)))).toEqual({ op: 'eq', field: 'status', value });
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses, as BAD_USER_INPUT, the values no engine can match as written', () => {
    for (const value of ['lone \uD800 surrogate', 'x'.repeat(469), 'É'.repeat(160)]) {
      expect(() => f.eq('region', value)).toThrow(FilterValueError);
      expect(() => f.in('region', ['ok', value])).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
    expect(f.eq('region', 'x'.repeat(468))).toMatchObject({ op: 'eq' });
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
