import fc from 'fast-check';
import { highlightText } from '../../server/src/search/adapters/embedded/highlighter';
import { TextAnalyzer } from '../../server/src/search/adapters/embedded/text-analyzer';

const analyzer = new TextAnalyzer(['the', 'and', 'of']);
const tags = { preTag: '<mark>', postTag: '</mark>' };

/** What highlighting means: every token the analyser folds to a matched word, stop words aside, wrapped in the tags. */
function byTokens(text: string, matchedWords: ReadonlySet<string>): string {
  let result = '';
  let cursor = 0;
  for (const token of analyzer.tokenize(text)) {
    if (!matchedWords.has(token.word) || analyzer.isStopWord(token.word)) continue;
    result += `${text.slice(cursor, token.start)}<mark>${text.slice(token.start, token.end)}</mark>`;
    cursor = token.end;
  }
  return result + text.slice(cursor);
}

const vocabulary = ['flood', 'Flood', 'FLOODS', 'sensor', 'sensors', 'the', 'and', 'of', 'a1', 'B2B', 'gp', 'GP'];
const separators = [' ', ', ', '.', '-', "'", '(', ')', '\n', '', '/'];
const asciiText = fc
  .array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(...separators)), { maxLength: 30 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));
const matched = fc.uniqueArray(fc.constantFrom('flood', 'floods', 'sensor', 'sensors', 'the', 'a1', 'b2b', 'gp', 'g'), { maxLength: 5 });

describe('highlighting in the embedded engine', () => {
  it('marks in ASCII text exactly the tokens the analyser folds to a matched word', () => {
    fc.assert(
      fc.property(asciiText, matched, (text, words) => {
        expect(highlightText(text, analyzer, new Set(words), tags)).toBe(byTokens(text, new Set(words)));
      }),
      { numRuns: 500 },
    );
  });

  it('marks accented and other non-ASCII words as the analyser folds them', () => {
    const text = 'Café FLOOD sensors — Ynys Môn and Zürich';
    const words = new Set(['cafe', 'flood', 'mon', 'zurich', 'and']);
    expect(highlightText(text, analyzer, words, tags)).toBe(byTokens(text, words));
    expect(highlightText(text, analyzer, words, tags)).toBe('<mark>Café</mark> <mark>FLOOD</mark> sensors — Ynys <mark>Môn</mark> and <mark>Zürich</mark>');
  });

  it('leaves text untouched when the query matched no words', () => {
    expect(highlightText('Flood sensors', analyzer, new Set(), tags)).toBe('Flood sensors');
  });
});
