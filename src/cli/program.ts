import { Command } from 'commander';
import { registerAkismet } from './commands/akismet.js';
import { registerIngest } from './commands/ingest.js';
import { registerComments } from './commands/comments.js';
import { registerMigrate } from './commands/migrate.js';
import { registerServe } from './commands/serve.js';
import { registerSource } from './commands/source.js';
import { registerSpamTrainAndCheck } from './commands/spam.js';
import { registerSpamEval } from './commands/spam-eval.js';
import { registerUser } from './commands/user.js';
import { exitCodes } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('broadsheet')
    .description('Broadsheet: a self-hosted news site with wire ingest, comments and its own spam filter')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride((error) => {
      // Help and version exit 0; anything commander rejects is a usage error.
      process.exit(error.exitCode === 0 ? exitCodes.ok : exitCodes.usage);
    });
  registerServe(program);
  registerMigrate(program);
  registerUser(program);
  registerComments(program);
  registerSource(program);
  registerIngest(program);
  const spam = program.command('spam').description('Spam filter: evaluate, train and check');
  registerSpamEval(spam);
  registerSpamTrainAndCheck(spam);
  registerAkismet(program);
  return program;
}
