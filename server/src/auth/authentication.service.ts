import { AppError } from '../shared/errors';
import { findUserByEmail, isEmailVerified } from '../users/user.service';
import { verifyAgainstDecoy, verifyPassword } from '../users/password';

export const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect.');

/**
 * Checks an email and password; returns the user id of a verified account. Unknown emails cost the same hashing time
 * and give the same error as wrong passwords, so neither reveals which accounts exist.
 */
export async function authenticate(email: string, password: string): Promise<string> {
  const user = await findUserByEmail(email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !valid) throw invalidCredentials();
  // Said only to whoever knows the password, so it tells no one else that the account exists.
  if (!isEmailVerified(user)) {
    throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your email address first: open the link we emailed you when you registered.');
  }
  return user._id.toHexString();
}
