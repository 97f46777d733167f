const englishPlurals = new Intl.PluralRules('en-GB');

/** A count with a noun that agrees with it ("1 pilot", "0 pilots", "3 matches"), for every figure the client shows. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${englishPlurals.select(count) === 'one' ? singular : plural}`;
}
