import { Router, type Request, type Response } from 'express';
import type { PassportStatic } from 'passport';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { errorBody, requireJsonBody } from '../shared/http-errors';
import { parseInput } from '../shared/validation';
import { invalidCredentials } from './authentication.service';
import type { LoginRateLimiter } from './login-rate-limiter';
import type { ServiceContext } from '../context/service-context';
import { registerAccount } from './registration.service';
import { PASSWORD_MAX_LENGTH } from '../users/password';

const loginSchema = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
});

function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function logIn(req: Request, userId: string): Promise<void> {
  // passport ≥ 0.6 regenerates the session here, so a pre-login session id is dead afterwards.
  return new Promise((resolve, reject) => req.login({ userId }, (error) => (error ? reject(error) : resolve())));
}

function signedInBody(req: Request) {
  const user = req.user as { userId?: string } | undefined;
  return { ok: true, userId: user?.userId ?? null };
}

/** `POST /auth/register`, `/auth/login` and `/auth/logout`, all JSON in and out. */
export function createAuthRouter(deps: {
  passport: PassportStatic;
  limiter: LoginRateLimiter;
  sessionCookieName: string;
  /** The service context of one request. */
  contextFor: (req: Request) => ServiceContext;
}) {
  const router = Router();
  router.use(requireJsonBody);

  router.post('/register', async (req, res) => {
    const { userId } = await registerAccount(deps.contextFor(req), req.body ?? {});
    await logIn(req, userId);
    res.status(201).json({ ok: true, userId });
  });

  router.post('/login', async (req, res, next) => {
    const { email, password } = parseInput(loginSchema, req.body ?? {});
    const retryAfter = deps.limiter.tryAttempt(clientAddress(req), email);
    if (retryAfter !== undefined) {
      res.setHeader('Retry-After', String(retryAfter));
      res.status(429).json(errorBody('RATE_LIMITED', `Too many sign-in attempts. Try again in ${retryAfter} seconds.`, { retryAfterSeconds: retryAfter }));
      return;
    }
    req.body = { email, password };
    deps.passport.authenticate('local', (error: unknown, user: { userId: string } | false) => {
      if (error) return next(error);
      if (!user) return next(invalidCredentials());
      logIn(req, user.userId).then(() => {
        deps.limiter.recordSuccess(clientAddress(req), email);
        res.json(signedInBody(req));
      }, next);
    })(req, res, next);
  });

  router.post('/logout', (req: Request, res: Response, next) => {
    req.logout((logoutError) => {
      if (logoutError) return next(logoutError);
      req.session.destroy((destroyError: unknown) => {
        if (destroyError) return next(destroyError);
        res.clearCookie(deps.sessionCookieName, { path: '/' });
        res.json({ ok: true });
      });
    });
  });

  router.use((_req, _res, next) => next(new AppError('NOT_FOUND', 'No such authentication route.')));
  return router;
}
