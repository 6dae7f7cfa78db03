import type { Command } from 'commander';
import { type AppContext, boot } from '../../boot.js';
import { loadConfig } from '../../config/load.js';
import { firstStart } from '../../first-start.js';
import { UnavailableError } from '../../shared/errors.js';
import { scheduleAccountJobs } from '../../jobs/account-jobs.js';
import { scheduleIngestJobs } from '../../jobs/ingest-jobs.js';
import { createLogger } from '../../shared/logger.js';
import { buildServer } from '../../web/server.js';
import { runAction } from '../exit-codes.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the web server (creates, migrates and seeds the database on first start)')
    .option('-p, --port <port>', 'port to listen on (default: BROADSHEET_PORT or 3000)')
    .option('-H, --host <host>', 'interface to listen on (default: BROADSHEET_HOST or 0.0.0.0)')
    .action((options: { port?: string; host?: string }) =>
      runAction(async () => {
        const config = loadConfig(undefined, { port: options.port, host: options.host });
        const log = createLogger(config.logLevel);
        const ctx = await boot({ config, log });
        const firstLogin = await firstStart(ctx);
        const app = await buildServer(ctx, { logRequests: config.logLevel === 'debug' || config.logLevel === 'trace' });
        try {
          await app.listen({ port: config.port, host: config.host });
        } catch (error) {
          await ctx.close();
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EADDRINUSE') throw new UnavailableError('PORT_IN_USE', `Port ${config.port} is already in use on ${config.host}; choose another with --port or BROADSHEET_PORT`);
          if (code === 'EACCES') throw new UnavailableError('PORT_DENIED', `Not allowed to listen on port ${config.port}; use a port above 1023`);
          throw error;
        }
        printWelcome(ctx, firstLogin);
        // Only the serving process polls feeds; one-off commands and tests never start jobs.
        scheduleIngestJobs(ctx.jobs, ctx.ingest);
        scheduleAccountJobs(ctx.jobs, ctx.sessions);
        ctx.jobs.start();
        stopOnSignal(async () => {
          await app.close();
          await ctx.close();
        });
      }),
    );
}

function printWelcome(ctx: AppContext, firstLogin: { email: string; password: string } | null): void {
  process.stdout.write(`Broadsheet is serving ${ctx.baseUrl}/\n`);
  if (firstLogin) {
    process.stdout.write(
      `\nFirst start: the database was created and seeded.\nAdmin login (shown once, change it after signing in):\n  email:    ${firstLogin.email}\n  password: ${firstLogin.password}\n  sign in:  ${ctx.baseUrl}/admin/login\n\n`,
    );
  }
}

function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, shutting down\n`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}
