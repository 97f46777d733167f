import { Router } from 'express';
import mongoose from 'mongoose';
import { fallbackAfter } from '../shared/timeouts';

/** One dependency the service needs before it can take traffic. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
  /** Facts about the dependency worth showing even when it is up (e.g. search running without semantic search). */
  details?(): Record<string, unknown>;
}

/** The database answers a ping within a second. */
export const databaseReadiness: ReadinessCheck = {
  name: 'database',
  async check() {
    const db = mongoose.connection.db;
    if (mongoose.connection.readyState !== 1 || !db) return false;
    const reply = await db.admin().ping();
    return reply.ok === 1;
  },
};

/**
 * `/livez`: the process is up (restart it if not). `/readyz`: every dependency answers, so a
 * load balancer may send traffic; 503 with the failing checks otherwise.
 */
export function createHealthRouter(checks: ReadinessCheck[]) {
  const router = Router();
  router.get('/livez', (_req, res) => {
    res.json({ status: 'live' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await fallbackAfter(c.check(), 1000, false)] as const));
    const ready = results.every(([, ok]) => ok);
    const details = checks.flatMap((c) => (c.details ? [[c.name, c.details()] as const] : []));
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not-ready',
      checks: Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'up' : 'down'])),
      ...(details.length > 0 ? { details: Object.fromEntries(details) } : {}),
    });
  });
  return router;
}
