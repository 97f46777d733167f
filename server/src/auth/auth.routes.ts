import { Router, type Request, type Response } from 'express';
import type { PassportStatic } from 'passport';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { errorBody, requireJsonBody } from '../shared/http-errors';
import { parseInput } from '../shared/validation';
import { invalidCredentials } from './authentication.service';
import { registrationBudgets, signInAccountKey, signInBudgets, type AttemptRateLimiter } from './attempt-rate-limiter';
import type { ServiceContext } from '../context/service-context';
import { checkRegistration, completeRegistration } from './registration.service';
import { verifyEmail } from '../users/user.service';
import { PASSWORD_MAX_LENGTH } from '../users/password';

const verifyEmailSchema = z.strictObject({ token: z.string().min(1).max(200) });

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

/** What the auth routes need: the limiter with its budgets per window, and the session cookie to clear. */
export interface AuthRouterDeps {
  passport: PassportStatic;
  limiter: AttemptRateLimiter;
  limits: { signInAttempts: number; registrationAttempts: number };
  sessionCookieName: string;
  /** The service context of one request. */
  contextFor: (req: Request) => ServiceContext;
  /** Work that finishes after its response is sent; the app waits for it before closing. */
  runAfterResponse: (work: Promise<void>) => void;
}

function rateLimited(res: Response, retryAfter: number, what: string): void {
  res.setHeader('Retry-After', String(retryAfter));
  res.status(429).json(errorBody('RATE_LIMITED', `Too many ${what}. Try again in ${retryAfter} seconds.`, { retryAfterSeconds: retryAfter }));
}

/** `POST /auth/register`, `/auth/verify-email`, `/auth/login` and `/auth/logout`, all JSON in and out. */
export function createAuthRouter(deps: AuthRouterDeps) {
  const router = Router();
  router.use(requireJsonBody);

  router.post('/register', async (req, res) => {
    const retryAfter = deps.limiter.tryAttempt(registrationBudgets(deps.limits.registrationAttempts, clientAddress(req)));
    if (retryAfter !== undefined) return rateLimited(res, retryAfter, 'registrations from this address');
    const ctx = deps.contextFor(req);
    const registration = await checkRegistration(ctx, req.body ?? {});
    // The same answer whether or not the email has an account, given before anything looks: the
    // account, or the note to its existing owner, is made after the response.
    res.status(202).json({ ok: true, status: 'CHECK_YOUR_EMAIL', message: 'Check your email: we have sent you a link to confirm your address.' });
    deps.runAfterResponse(
      completeRegistration(ctx, registration).then(
        () => undefined,
        (error: unknown) => ctx.logger.error({ err: error }, 'registration could not be completed'),
      ),
    );
  });

  router.post('/verify-email', async (req, res) => {
    const { token } = parseInput(verifyEmailSchema, req.body ?? {});
    await verifyEmail(token, deps.contextFor(req).now);
    res.json({ ok: true, status: 'EMAIL_VERIFIED' });
  });

  router.post('/login', async (req, res, next) => {
    const { email, password } = parseInput(loginSchema, req.body ?? {});
    const retryAfter = deps.limiter.tryAttempt(signInBudgets(deps.limits.signInAttempts, clientAddress(req), email));
    if (retryAfter !== undefined) return rateLimited(res, retryAfter, 'sign-in attempts');
    req.body = { email, password };
    deps.passport.authenticate('local', (error: unknown, user: { userId: string } | false, refusal?: unknown) => {
      if (error) return next(error);
      if (!user) return next(refusal instanceof AppError ? refusal : invalidCredentials());
      logIn(req, user.userId).then(() => {
        deps.limiter.reset(signInAccountKey(clientAddress(req), email));
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
