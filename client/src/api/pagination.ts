/** fetchMore's merge for a paged list: the next page's items after those already shown, and its page info. */
export function joinPages<Page extends Record<Key, readonly unknown[]>, Key extends keyof Page>(shown: Page, next: Page, key: Key): Page {
  return { ...next, [key]: [...shown[key], ...next[key]] };
}
