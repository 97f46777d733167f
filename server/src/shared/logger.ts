import pino, { type DestinationStream } from 'pino';
import { redactSecrets } from './redaction';

/**
 * Redacts each line as it is written, after pino has serialized it, so nothing escapes: request
 * URLs, email bodies, messages and errors all pass through the same filter, however they got there.
 */
function redactingDestination(target: DestinationStream): DestinationStream {
  return { write: (line: string) => target.write(redactSecrets(line)) };
}

/**
 * Structured JSON logs. Cookies, credentials and password hashes are removed by key; tokens
 * and the links that carry them are redacted from every line.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination({ dest: 1, sync: true })) {
  return pino(
    {
      level,
      base: { service: 'pilotline' },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          '*.password',
          '*.passwordHash',
          '*.token',
          '*.invitationToken',
        ],
        censor: '[redacted]',
      },
    },
    redactingDestination(destination),
  );
}

export type Logger = pino.Logger;
