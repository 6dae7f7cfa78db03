import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { commentStatuses, type ModerationAction, type StoredComment } from '../../comments/index.js';
import { systemActor } from '../../shared/actor.js';
import { InvalidError } from '../../shared/errors.js';
import { withContext } from '../context.js';
import { runAction } from '../exit-codes.js';

const actor = systemActor('cli');

function parseIds(values: string[]): number[] {
  return values.map((value) => {
    const id = Number(value);
    if (!Number.isSafeInteger(id) || id < 1) throw new InvalidError('COMMENT_ID_INVALID', `"${value}" is not a comment id`);
    return id;
  });
}

/** `1 comment`, `2 comments`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

function row(c: StoredComment): string {
  const flags = c.flags.length ? ` [${c.flags.join(',')}]` : '';
  return `${String(c.id).padStart(6)}  ${c.status.padEnd(8)}  ${c.createdAt.toISOString().slice(0, 16).replace('T', ' ')}  ${c.article.slug}  ${c.authorName} <${c.authorEmail}>${flags}\n        ${oneLine(c.content, 100)}\n`;
}

function registerAction(comments: Command, name: string, action: ModerationAction, description: string): void {
  comments
    .command(`${name} <ids...>`)
    .description(description)
    .action((ids: string[]) =>
      runAction(async () => {
        const list = parseIds(ids);
        await withContext({}, async (ctx) => {
          for (const id of list) {
            const comment = await ctx.comments.moderate(actor, id, action);
            process.stdout.write(`comment ${id}: ${comment.status}\n`);
          }
        });
      }),
    );
}

export function registerComments(program: Command): void {
  const comments = program.command('comments').description('Moderate reader comments and handle commenter data requests');

  comments
    .command('list')
    .description('List comments, newest first')
    .option('--status <status>', `only this status: ${commentStatuses.join(', ')}`)
    .option('--limit <n>', 'how many (default 50, at most 500)', '50')
    .action((options: { status?: string; limit: string }) =>
      runAction(async () => {
        if (options.status && !(commentStatuses as readonly string[]).includes(options.status)) {
          throw new InvalidError('COMMENT_STATUS_INVALID', `--status must be one of ${commentStatuses.join(', ')}, not "${options.status}"`);
        }
        const limit = Number(options.limit);
        if (!Number.isSafeInteger(limit) || limit < 1) throw new InvalidError('LIMIT_INVALID', `--limit must be a positive number, not "${options.limit}"`);
        await withContext({}, async (ctx) => {
          const list = await ctx.comments.list(actor, { status: options.status as StoredComment['status'] | undefined, limit });
          if (list.length === 0) process.stdout.write('no comments\n');
          for (const c of list) process.stdout.write(row(c));
        });
      }),
    );

  registerAction(comments, 'approve', 'approve', 'Approve comments (publish them)');
  registerAction(comments, 'unapprove', 'unapprove', 'Send approved comments back to the moderation queue');
  registerAction(comments, 'spam', 'spam', 'Mark comments as spam (the spam filter learns from it)');
  registerAction(comments, 'not-spam', 'not-spam', 'Mark spam as not spam and approve it (the spam filter learns from it)');
  registerAction(comments, 'trash', 'trash', 'Move comments to the trash');
  registerAction(comments, 'restore', 'restore', 'Restore comments from the trash');

  comments
    .command('export')
    .description("Write all of a commenter's comments and stored data as JSON")
    .requiredOption('--email <email>', 'the address the comments were written under')
    .option('--output <file>', 'write to this file instead of standard output')
    .action((options: { email: string; output?: string }) =>
      runAction(async () => {
        await withContext({}, async (ctx) => {
          const data = await ctx.comments.exportCommenterData(actor, options.email);
          const json = `${JSON.stringify(data, null, 2)}\n`;
          if (options.output) {
            writeFileSync(options.output, json, { mode: 0o600 });
            process.stderr.write(`wrote ${count(data.comments.length, 'comment')} and ${count(data.trainingExamples.length, 'spam training example')} to ${options.output}\n`);
          } else {
            process.stdout.write(json);
          }
        });
      }),
    );

  comments
    .command('erase')
    .description("Anonymise a commenter's comments and spam training examples (text kept, name \"Anonymous\", email/website/IP/user agent dropped), or delete them")
    .requiredOption('--email <email>', 'the address the comments were written under')
    .option('--delete', 'delete the comments instead of anonymising them')
    .action((options: { email: string; delete?: boolean }) =>
      runAction(async () => {
        await withContext({}, async (ctx) => {
          const result = await ctx.comments.eraseCommenterData(actor, options.email, { delete: options.delete });
          process.stdout.write(`${result.deleted ? 'deleted' : 'anonymised'} ${count(result.count, 'comment')} and ${count(result.trainingExamples, 'spam training example')}\n`);
        });
      }),
    );

  comments
    .command('retention')
    .description('Run the daily privacy job now: erase old IP addresses, user agents and referrers (referrers also from spam training examples), purge old spam and trash')
    .action(() =>
      runAction(async () => {
        await withContext({}, async (ctx) => {
          const result = await ctx.comments.runRetention();
          process.stdout.write(
            `erased IP and user agent from ${result.networkDataErased} comments; purged ${result.purged} spam and trash comments; ` +
              `erased the referrer from ${count(result.spamExamplesErased, 'spam training example')}\n`,
          );
        });
      }),
    );
}
