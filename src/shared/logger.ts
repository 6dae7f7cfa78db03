import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs; cookies, authorization headers and commenter email/IP are redacted
 * wherever they appear in a logged object.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.authorEmail', '*.ip', '*.password', 'authorEmail', 'ip', 'password'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
