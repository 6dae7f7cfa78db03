import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

const redact = {
  paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.authorEmail', '*.ip', '*.password', 'authorEmail', 'ip', 'password'],
  censor: '[redacted]',
};

/**
 * Structured JSON logs, readable lines when a person is watching a terminal; cookies,
 * authorization headers and commenter email/IP are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: pino.DestinationStream & { isTTY?: boolean }): Logger {
  const target = destination ?? process.stdout;
  const stream = target.isTTY ? pretty({ destination: target, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true }) : target;
  return pino({ level, redact }, stream);
}
