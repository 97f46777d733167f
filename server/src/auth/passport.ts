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
        (error: unknown) => (error instanceof AppError ? done(null, false, { message: error.message }) : done(error)),
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
