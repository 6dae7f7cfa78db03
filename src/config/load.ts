import { readFileSync } from 'node:fs';
import { InvalidError } from '../shared/errors.js';
import { type Config, configSchema, settingDocs } from './schema.js';

const defaults: Record<string, string> = {
  databaseUrl: 'sqlite:./data/broadsheet.db',
  port: '3000',
  host: '0.0.0.0',
  logLevel: 'info',
  pageCache: 'on',
  allowPrivateFeeds: 'off',
  trustProxy: 'off',
};

/**
 * Reads settings from `BROADSHEET_*` variables, then an optional JSON config file named by
 * `BROADSHEET_CONFIG` (its keys are the camelCase names; the environment wins), then defaults.
 * The only module that reads `process.env`. Throws InvalidError naming the setting at fault.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Config, string>> = {}): Readonly<Config> {
  const fromFile = readConfigFile(env.BROADSHEET_CONFIG);
  const raw: Record<string, unknown> = {};
  for (const setting of settingDocs) {
    const value = overrides[setting.key] ?? env[setting.env] ?? fromFile[setting.key] ?? defaults[setting.key];
    if (value !== undefined && value !== '') raw[setting.key] = typeof value === 'string' ? value.trim() : value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0]);
    const env = settingDocs.find((s) => s.key === key)?.env ?? key;
    throw new InvalidError('CONFIG_INVALID', `Invalid setting ${env}: ${issue.message}`);
  }
  return Object.freeze(parsed.data);
}

function readConfigFile(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidError('CONFIG_UNREADABLE', `Cannot read config file ${path}: ${(error as Error).message}`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new InvalidError('CONFIG_UNREADABLE', `Cannot parse config file ${path}: ${(error as Error).message}`);
  }
}

/**
 * One-off commands keep their output clean: they log warnings only, unless the operator set
 * BROADSHEET_LOG_LEVEL explicitly.
 */
export function commandLogLevel(config: Readonly<Config>, env: NodeJS.ProcessEnv = process.env): string {
  return env.BROADSHEET_LOG_LEVEL ? config.logLevel : 'warn';
}
