/**
 * Secrets that travel in links (invitation and email-verification tokens) and would let anyone
 * who reads the logs act as the recipient. Every log line goes through `redactSecrets` as it is written.
 */
const TOKEN_IN_PATH = /(\/(?:invitations|verify-email|email-verification|reset-password)\/)[^\s/?#"'<>\\]+/gi;
const TOKEN_IN_QUERY = /([?&](?:token|invitationToken|verificationToken|code|key)=)[^&\s#"'<>\\]+/gi;
/** A backstop for a token in any other place: 32 random bytes are 43 base64url characters. */
const LONG_RANDOM_RUN = /(?<![\w-])[A-Za-z0-9_-]{40,}(?![\w-])/g;

const REDACTED = '[redacted]';

/** The text with every token-bearing part of a link, and any long random-looking run, replaced. */
export function redactSecrets(text: string): string {
  return text.replace(TOKEN_IN_PATH, `$1${REDACTED}`).replace(TOKEN_IN_QUERY, `$1${REDACTED}`).replace(LONG_RANDOM_RUN, REDACTED);
}
