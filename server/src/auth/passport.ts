import passport, { type PassportStatic } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { AppError } from '../shared/errors';
import type { UserActor } from '../shared/actor';
import { loadUserActor } from '../organisations/user-actor.service';
import { authenticate } from './authentication.service';

/**
 * Passport with one local strategy. The session stores only the user id; every request
 * reloads the actor, so role changes and removed memberships take effect at once.
 */
export function createPassport(): PassportStatic {
  const instance = new passport.Passport();
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      authenticate(email, password).then(
        (userId) => done(null, { userId }),
        // An expected refusal (wrong password, unverified email) travels as the strategy's info.
        (error: unknown) => (error instanceof AppError ? done(null, false, error) : done(error)),
      );
    }),
  );
  instance.serializeUser<string>((user, done) => done(null, (user as { userId: string }).userId));
  instance.deserializeUser<string>((userId, done) => {
    loadUserActor(userId).then(
      (actor: UserActor | null) => done(null, actor ?? false),
      (error: unknown) => done(error),
    );
  });
  return instance as PassportStatic;
}
