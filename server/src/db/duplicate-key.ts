/** MongoDB's answer when a write breaks a unique index: how every invariant here is enforced. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
