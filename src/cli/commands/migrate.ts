import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { connectDatabase } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { UnavailableError } from '../../shared/errors.js';
import { runAction } from '../exit-codes.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (serve does this on start too)')
    .action(() =>
      runAction(async () => {
        const config = loadConfig();
        const db = await connectDatabase(config.databaseUrl);
        try {
          const outcome = await migrateToLatest(db);
          for (const name of outcome.applied) process.stdout.write(`applied ${name}\n`);
          if (outcome.failed) {
            throw new UnavailableError('MIGRATION_FAILED', `Migration ${outcome.failed.name} failed and was rolled back: ${outcome.failed.error.message}`);
          }
          if (outcome.applied.length === 0) process.stdout.write('database is up to date\n');
        } finally {
          await db.destroy();
        }
      }),
    );
}
