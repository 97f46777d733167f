import type { TextAnalyzer } from './text-analyzer';

/** Wraps each word whose index term matched the query, leaving the text otherwise untouched (like Meilisearch, no HTML escaping). */
export function highlightText(
  text: string,
  analyzer: TextAnalyzer,
  matchedTerms: ReadonlySet<string>,
  tags: { preTag: string; postTag: string },
): string {
  let result = '';
  let cursor = 0;
  for (const token of analyzer.tokenize(text)) {
    if (!matchedTerms.has(token.term) || analyzer.isStopWord(token.word)) continue;
    result += text.slice(cursor, token.start) + tags.preTag + text.slice(token.start, token.end) + tags.postTag;
    cursor = token.end;
  }
  return result + text.slice(cursor);
}
