import argon2 from 'argon2';
import { AppError } from '../shared/errors';

/**
 * OWASP's argon2id parameters (19 MiB, t=2, p=1): ~75 ms a hash on our 2-core machines,
 * where argon2's defaults cost ~400 ms and make login floods a denial of service.
 */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Passwords seen most often in breach corpora; length alone does not rule these out. */
const COMMON_PASSWORDS = new Set([
  'password1234', 'password12345', 'password123!', '123456789012', '1234567890123', 'qwertyuiop12',
  'qwertyuiopas', 'iloveyou1234', 'letmein12345', 'welcome12345', 'administrator', 'passwordpassword',
  'football1234', 'abc123456789', 'changeme1234', 'trustno1trustno1', '111111111111', 'aaaaaaaaaaaa',
]);

/** Why a password is unacceptable, or undefined when it is fine. NCSC guidance: length and blocklists, not composition rules. */
export function passwordWeakness(password: string, email: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'is one of the most common passwords';
  if (new Set(lower).size < 4) return 'uses too few different characters';
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 4 && lower.includes(localPart)) return 'must not contain your email address';
  return undefined;
}

/** Throws WEAK_PASSWORD naming the rule the password breaks. */
export function assertStrongPassword(password: string, email: string): void {
  const weakness = passwordWeakness(password, email);
  if (weakness) {
    throw new AppError('WEAK_PASSWORD', `Password ${weakness}.`, { fields: [{ field: 'password', message: weakness }] });
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password);
}

let decoyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, so a login for an unknown email
 * cannot be told apart from a wrong password by timing.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword('decoy-password-that-never-matches');
  await argon2.verify(await decoyHash, password);
  return false;
}
