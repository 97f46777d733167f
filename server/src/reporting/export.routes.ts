import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import type { ServiceContext } from '../context/service-context';
import { exportCsv } from './export.service';

/**
 * `GET /export/<challenges|matches|pilots>.csv` for staff, on the session cookie: streamed as it
 * is read, so a large export neither waits for the whole set nor holds it in memory. Refusals
 * (401, 403, 404) are JSON through the app's error handler, before any CSV is written.
 */
export function createExportRouter({ contextFor }: { contextFor: (req: Request) => ServiceContext }): Router {
  const router = Router();
  router.get('/:file', async (req, res, next) => {
    const kind = /^(.+)\.csv$/.exec(req.params.file)?.[1] ?? req.params.file;
    let lines: AsyncGenerator<string>;
    try {
      lines = await exportCsv(contextFor(req), kind);
    } catch (error) {
      next(error);
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="pilotline-${kind}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await pipeline(Readable.from(lines), res);
    } catch (error) {
      // Headers are gone: the client sees a cut-off download, the log says why.
      req.log?.error({ err: error, kind }, 'CSV export failed mid-stream');
    }
  });
  return router;
}
