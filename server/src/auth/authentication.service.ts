import { AppError } from '../shared/errors';
import { findUserByEmail } from '../users/user.service';
import { verifyAgainstDecoy, verifyPassword } from '../users/password';

export const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect.');

/**
 * Checks an email and password; returns the user id. Unknown emails cost the same hashing time
 * and give the same error as wrong passwords, so neither reveals which accounts exist.
 */
export async function authenticate(email: string, password: string): Promise<string> {
  const user = await findUserByEmail(email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !valid) throw invalidCredentials();
  return user._id.toHexString();
}
