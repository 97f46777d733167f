import argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEnglish from '@zxcvbn-ts/language-en';
import { AppError } from '../shared/errors';

/**
 * OWASP's argon2id parameters (19 MiB, t=2, p=1): ~75 ms a hash on our 2-core machines,
 * where argon2's defaults cost ~400 ms and make login floods a denial of service.
 */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * zxcvbn-ts with its common (breached passwords, diceware) and English dictionaries: it finds
 * breached passwords and their usual disguises (years, capitals, leetspeak, keyboard walks,
 * repeats) and words from the user's own details. Built on first use: the dictionaries take a
 * moment to index.
 */
let estimator: ZxcvbnFactory | undefined;
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEnglish.translations,
  });
  return estimator;
}

/** zxcvbn's "safely unguessable" level (about 10^8 guesses and more). */
const MINIMUM_SCORE = 3;

/**
 * Why a password is unacceptable, or undefined when it is fine. OWASP ASVS 5 (V6.2) and NCSC:
 * a minimum length, a check against breached and easily guessed passwords, no composition rules.
 */
export function passwordWeakness(password: string, email: string, name?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const localPart = email.split('@')[0] ?? '';
  const userInputs = [email, localPart, ...localPart.split(/[._+-]/), ...(name?.split(/\s+/) ?? [])].filter((input) => input.length >= 3);
  const estimate = strengthEstimator().check(password, userInputs);
  if (estimate.score >= MINIMUM_SCORE) return undefined;
  const warning = estimate.feedback.warning;
  return `is too easy to guess${warning ? `: ${warning.replace(/\.$/, '').toLowerCase()}` : ''}`;
}

/** Throws WEAK_PASSWORD naming the rule the password breaks. */
export function assertStrongPassword(password: string, email: string, name?: string): void {
  const weakness = passwordWeakness(password, email, name);
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
