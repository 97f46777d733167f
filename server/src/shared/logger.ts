import pino from 'pino';

/** Structured JSON logs; cookies and credentials never reach them. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'pilotline' },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password'],
      censor: '[redacted]',
    },
  });
}

export type Logger = pino.Logger;
