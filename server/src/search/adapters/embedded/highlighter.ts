import type { TextAnalyzer } from './text-analyzer';

const ASCII_ONLY = /^[\x00-\x7f]*$/;

function isAsciiWordCharacter(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90);
}

/**
 * Where each matched word stands in ASCII text, found with `indexOf` on the lower-cased text:
 * in ASCII, folding a word is lower-casing it and keeps its length, so a match at word
 * boundaries is exactly a token the analyser would fold to that word. Highlighting every hit's
 * long fields this way skips tokenising them, which cost more than ranking.
 */
function asciiMatches(text: string, analyzer: TextAnalyzer, matchedWords: ReadonlySet<string>): [number, number][] {
  const lower = text.toLowerCase();
  const spans: [number, number][] = [];
  for (const word of matchedWords) {
    if (word.length === 0 || analyzer.isStopWord(word)) continue;
    for (let start = lower.indexOf(word); start >= 0; start = lower.indexOf(word, start + 1)) {
      const end = start + word.length;
      if ((start === 0 || !isAsciiWordCharacter(lower.charCodeAt(start - 1))) && (end === lower.length || !isAsciiWordCharacter(lower.charCodeAt(end)))) {
        spans.push([start, end]);
      }
    }
  }
  // Distinct words never share a token, so the spans are disjoint and only need ordering.
  return spans.sort((a, b) => a[0] - b[0]);
}

function tokenMatches(text: string, analyzer: TextAnalyzer, matchedWords: ReadonlySet<string>): [number, number][] {
  return analyzer
    .tokenize(text)
    .filter((token) => matchedWords.has(token.word) && !analyzer.isStopWord(token.word))
    .map((token) => [token.start, token.end]);
}

/** Wraps each indexed word the query matched, leaving the text otherwise untouched (like Meilisearch, no HTML escaping). */
export function highlightText(
  text: string,
  analyzer: TextAnalyzer,
  matchedWords: ReadonlySet<string>,
  tags: { preTag: string; postTag: string },
): string {
  if (matchedWords.size === 0) return text;
  const spans = ASCII_ONLY.test(text) ? asciiMatches(text, analyzer, matchedWords) : tokenMatches(text, analyzer, matchedWords);
  let result = '';
  let cursor = 0;
  for (const [start, end] of spans) {
    result += text.slice(cursor, start) + tags.preTag + text.slice(start, end) + tags.postTag;
    cursor = end;
  }
  return result + text.slice(cursor);
}
