import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import type { Logger } from '../shared/logger';

/**
 * Only our own origin may supply scripts, styles, images and API calls, and nothing inline may run:
 * the build emits no inline script, so an injected `<script>` or `onclick=` has nowhere to execute.
 */
export const CLIENT_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the server itself answers; the client's catch-all route must never claim them. */
const SERVER_PATHS = ['/graphql', '/auth', '/livez', '/readyz', '/assets'];

function isServerPath(requestPath: string): boolean {
  return SERVER_PATHS.some((prefix) => requestPath === prefix || requestPath.startsWith(`${prefix}/`));
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CLIENT_CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};

/**
 * Serves the built web client: hashed files under /assets/ are cached for good, and any other GET
 * that a browser makes for a page (Accept: text/html) gets index.html so the client's router can
 * draw it. API clients asking for an unknown path still get the JSON 404.
 */
export function createWebClientRouter(clientDir: string, logger: Logger): Router {
  const router = Router();
  const indexFile = path.join(clientDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    logger.warn({ clientDir }, 'the web client is not built (npm run client:build); only the API is served');
    return router;
  }
  router.use('/assets', securityHeaders, express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
  router.use(securityHeaders, express.static(clientDir, { index: false, maxAge: '1h' }));
  router.get(/.*/, (req, res, next) => {
    if (isServerPath(req.path) || !req.headers.accept?.includes('text/html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
