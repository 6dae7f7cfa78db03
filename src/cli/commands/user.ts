import type { Command } from 'commander';
import { systemActor } from '../../shared/actor.js';
import { InvalidError } from '../../shared/errors.js';
import { withContext } from '../context.js';
import { runAction } from '../exit-codes.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InvalidError('PASSWORD_STDIN_TTY', '--password-stdin expects the password piped on standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('Manage staff accounts');
  user
    .command('add')
    .description('Add a staff account; prints a generated password when none is given')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--role <role>', 'owner, admin, editor, author or moderator')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action((options: { email: string; role: string; name?: string; passwordStdin?: boolean }) =>
      runAction(async () => {
        const password = options.passwordStdin ? await readStdin() : undefined;
        await withContext({}, async (ctx) => {
          const created = await ctx.users.addUser(systemActor('cli'), { email: options.email, role: options.role, name: options.name, password });
          process.stdout.write(`added ${created.role} ${created.email} (id ${created.id})\n`);
          if (created.password) process.stdout.write(`password: ${created.password}\n`);
        });
      }),
    );

  user
    .command('reset-password')
    .description('Print a one-time link (valid 1 hour) with which the user chooses a new password')
    .requiredOption('--email <email>', 'login email of the account')
    .action((options: { email: string }) =>
      runAction(() =>
        withContext({}, async (ctx) => {
          const { user: account, token } = await ctx.users.resetLink(systemActor('cli'), options.email);
          process.stderr.write(`Reset link for ${account.email}, valid for 1 hour and usable once:\n`);
          process.stdout.write(`${ctx.baseUrl}/admin/reset/${token}\n`);
        }),
      ),
    );
}
