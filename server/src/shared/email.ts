/** Emails compare case-insensitively everywhere; this is the one normal form. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
