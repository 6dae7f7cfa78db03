import { z } from 'zod';

/**
 * Every setting Broadsheet reads from its environment, in one place: the key, its environment
 * variable, its default and what it does. The README's settings table is checked against this
 * list by a test, so a new key without documentation fails CI.
 */
export interface SettingDoc {
  key: keyof Config;
  env: string;
  default: string;
  doc: string;
}

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

export const configSchema = z.object({
  databaseUrl: z
    .string()
    .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), {
      message: 'must start with sqlite: or postgres://',
    }),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  baseUrl: z.string().url().optional(),
  secret: z.string().min(16).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  pageCache: booleanFlag,
  redisUrl: z.string().url().optional(),
  allowPrivateFeeds: booleanFlag,
  trustProxy: booleanFlag,
});

export type Config = z.infer<typeof configSchema>;

export const settingDocs: SettingDoc[] = [
  {
    key: 'databaseUrl',
    env: 'BROADSHEET_DATABASE_URL',
    default: 'sqlite:./data/broadsheet.db',
    doc: 'Where the data lives: `sqlite:PATH` (embedded, WAL mode) or `postgres://user@host:port/db`.',
  },
  { key: 'port', env: 'BROADSHEET_PORT', default: '3000', doc: 'TCP port the server listens on (`serve --port` overrides).' },
  { key: 'host', env: 'BROADSHEET_HOST', default: '0.0.0.0', doc: 'Interface to listen on (`serve --host` overrides).' },
  {
    key: 'baseUrl',
    env: 'BROADSHEET_BASE_URL',
    default: '`http://localhost:PORT`',
    doc: 'Public address of the site, used for canonical URLs, feeds, sitemaps and the API.',
  },
  {
    key: 'secret',
    env: 'BROADSHEET_SECRET',
    default: 'generated on first start and stored in the database',
    doc: 'Signs cookies and form tokens (at least 16 characters). Unset, one is generated on first start and kept in the database, so every process sharing it agrees.',
  },
  { key: 'logLevel', env: 'BROADSHEET_LOG_LEVEL', default: 'info', doc: 'pino log level: fatal, error, warn, info, debug, trace or silent.' },
  {
    key: 'pageCache',
    env: 'BROADSHEET_PAGE_CACHE',
    default: 'on',
    doc: 'Keep rendered public pages in memory until content changes (`off` to render every request).',
  },
  {
    key: 'redisUrl',
    env: 'BROADSHEET_REDIS_URL',
    default: '(none)',
    doc: 'When set, rate-limit counters live in Redis so several processes share them.',
  },
  {
    key: 'allowPrivateFeeds',
    env: 'BROADSHEET_ALLOW_PRIVATE_FEEDS',
    default: 'off',
    doc: 'Allow feeds on private, loopback and link-local addresses (for testing; refused by default).',
  },
  {
    key: 'trustProxy',
    env: 'BROADSHEET_TRUST_PROXY',
    default: 'off',
    doc: 'Trust `X-Forwarded-*` headers from a reverse proxy (client IP, HTTPS for Secure cookies).',
  },
];
