import type { TextAnalyzer } from './text-analyzer';

/** Wraps each indexed word the query matched, leaving the text otherwise untouched (like Meilisearch, no HTML escaping). */
export function highlightText(
  text: string,
  analyzer: TextAnalyzer,
  matchedWords: ReadonlySet<string>,
  tags: { preTag: string; postTag: string },
): string {
  let result = '';
  let cursor = 0;
  for (const token of analyzer.tokenize(text)) {
    if (!matchedWords.has(token.word) || analyzer.isStopWord(token.word)) continue;
    result += text.slice(cursor, token.start) + tags.preTag + text.slice(token.start, token.end) + tags.postTag;
    cursor = token.end;
  }
  return result + text.slice(cursor);
}
