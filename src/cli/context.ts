import { type AppContext, boot } from '../boot.js';
import { commandLogLevel, loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createLogger } from '../shared/logger.js';

/**
 * Boots the app for a one-off command, with logs on stderr so stdout carries only the
 * command's output, runs `use`, and closes the database whatever happens.
 */
export async function withContext(overrides: Partial<Record<keyof Config, string>>, use: (ctx: AppContext) => Promise<void>): Promise<void> {
  const config = loadConfig(undefined, overrides);
  const log = createLogger(commandLogLevel(config), process.stderr);
  const ctx = await boot({ config, log });
  try {
    await use(ctx);
  } finally {
    await ctx.close();
  }
}
