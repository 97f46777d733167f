import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { RequestErrorCode } from '../contract/generated/resolvers-types';
import { AppError, type ErrorCode, type ErrorDetails } from './errors';
import type { Logger } from './logger';

/** The JSON body every failed REST request returns. */
export function errorBody(code: ErrorCode | RequestErrorCode, message: string, details: ErrorDetails = {}) {
  return { error: { code, message, ...details } };
}

/** REST routes accept JSON only: it keeps form-based cross-site requests out along with SameSite cookies. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (req.method === 'POST' && !req.is('application/json')) {
    res.status(415).json(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send a JSON body with Content-Type: application/json.'));
    return;
  }
  next();
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * The last word on any REST error: expected failures keep their code and status, body-parser
 * failures become 400/413, and anything else is logged and masked so no stack trace leaks.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof AppError) {
      res.status(error.httpStatus).json(errorBody(error.code, error.message, error.details));
      return;
    }
    const parserError = error as BodyParserError;
    if (parserError.type === 'entity.parse.failed') {
      res.status(400).json(errorBody('BAD_JSON', 'The request body is not valid JSON.'));
      return;
    }
    if (parserError.type === 'entity.too.large') {
      res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
      return;
    }
    if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      res.status(parserError.status).json(errorBody('BAD_REQUEST', 'The request could not be read.'));
      return;
    }
    req.log?.error({ err: error }, 'unhandled error');
    if (!req.log) logger.error({ err: error }, 'unhandled error');
    res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'Something went wrong on our side.'));
  };
}
