import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/boot.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { runCli, tempDatabaseUrl } from '../helpers/run-cli.js';
import { testConfig } from '../helpers/test-config.js';

describe('broadsheet comments (the real bin)', () => {
  const databaseUrl = tempDatabaseUrl();
  const env = { BROADSHEET_DATABASE_URL: databaseUrl, BROADSHEET_SECRET: 'cli-test-secret-cli-test-secret' };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const ctx = await boot({ config: testConfig({ databaseUrl, secret: env.BROADSHEET_SECRET }) });
    try {
      const newsroom = await seedNewsroom(ctx);
      const article = await publishArticle(ctx, { title: 'CLI story', slug: 'cli-story', sectionId: newsroom.world.id });
      await ctx.comments.settings.update(testActor, { minSecondsToSubmit: 0 });
      for (const [key, email, content] of [
        ['first', 'Jane.Doe@example.com', 'First comment by Jane.'],
        ['second', 'jane.doe@example.com', 'Second comment by Jane.'],
        ['other', 'other@example.com', 'Someone else entirely.'],
      ]) {
        const res = await ctx.comments.submit({
          article: { id: article.id },
          fields: { content, authorName: 'Jane Doe', authorEmail: email },
          commenter: { kind: 'guest' },
          client: { ip: '198.51.100.23', userAgent: 'CliBrowser/2' },
          form: { token: ctx.comments.formToken(article.id) },
        });
        if (res.kind !== 'stored') throw new Error(res.kind);
        ids[key] = res.id;
      }
    } finally {
      await ctx.close();
    }
  });

  it('lists pending comments, approves, marks spam and trashes by id', async () => {
    const list = await runCli(['comments', 'list', '--status', 'pending'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('First comment by Jane.');
    expect(list.stdout).toContain('Jane Doe <jane.doe@example.com>');
    const approve = await runCli(['comments', 'approve', String(ids.first), String(ids.second)], { env });
    expect(approve.stdout).toBe(`comment ${ids.first}: approved\ncomment ${ids.second}: approved\n`);
    expect((await runCli(['comments', 'spam', String(ids.other)], { env })).stdout).toBe(`comment ${ids.other}: spam\n`);
    expect((await runCli(['comments', 'trash', String(ids.other)], { env })).stdout).toBe(`comment ${ids.other}: trash\n`);
    const approved = await runCli(['comments', 'list', '--status', 'approved'], { env });
    expect(approved.stdout.match(/approved/g)).toHaveLength(2);
  });

  it('reports a missing comment or a bad status in one line with exit code 1', async () => {
    const missing = await runCli(['comments', 'approve', '999999'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('broadsheet: There is no comment 999999.\n');
    const bad = await runCli(['comments', 'list', '--status', 'nope'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('broadsheet: --status must be one of pending, approved, spam, trash, not "nope"\n');
  });

  it('exports a commenter as JSON with their spam training examples, then erases (anonymises) and deletes', async () => {
    // Two decisions on an approved comment: the spam filter keeps a spam and a ham example of it.
    expect((await runCli(['comments', 'spam', String(ids.first)], { env })).code).toBe(0);
    expect((await runCli(['comments', 'not-spam', String(ids.first)], { env })).stdout).toBe(`comment ${ids.first}: approved\n`);
    const exported = await runCli(['comments', 'export', '--email', 'JANE.DOE@example.com'], { env });
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as {
      email: string;
      comments: { id: number; content: string; ip: string; userAgent: string; authorEmail: string }[];
      trainingExamples: { label: string; fields: Record<string, unknown> }[];
    };
    expect(data.email).toBe('jane.doe@example.com');
    expect(data.comments.map((c) => c.id)).toEqual([ids.first, ids.second]);
    expect(data.comments[0]).toMatchObject({ content: 'First comment by Jane.', ip: '198.51.100.23', userAgent: 'CliBrowser/2', authorEmail: 'jane.doe@example.com' });
    expect(data.trainingExamples.map((e) => e.label)).toEqual(['spam', 'ham']);
    expect(data.trainingExamples[0].fields).toMatchObject({ content: 'First comment by Jane.', authorEmail: '@example.com' });

    const file = join(mkdtempSync(join(tmpdir(), 'broadsheet-export-')), 'jane.json');
    const written = await runCli(['comments', 'export', '--email', 'jane.doe@example.com', '--output', file], { env });
    expect(written.code).toBe(0);
    expect(written.stderr).toBe(`wrote 2 comments and 2 spam training examples to ${file}\n`);
    expect(JSON.parse(readFileSync(file, 'utf8')).comments).toHaveLength(2);

    const erased = await runCli(['comments', 'erase', '--email', 'jane.doe@example.com'], { env });
    expect(erased.stdout).toBe('anonymised 2 comments and 2 spam training examples\n');
    expect(JSON.parse((await runCli(['comments', 'export', '--email', 'jane.doe@example.com'], { env })).stdout)).toMatchObject({ comments: [], trainingExamples: [] });
    const list = (await runCli(['comments', 'list', '--status', 'approved'], { env })).stdout;
    expect(list).toContain('Anonymous <>');
    expect(list).toContain('First comment by Jane.');
    expect(list).not.toContain('Jane Doe');

    // "other" became an example only if the classifier had not already filed it as spam.
    expect((await runCli(['comments', 'erase', '--email', 'other@example.com', '--delete'], { env })).stdout).toMatch(/^deleted 1 comment and (0 spam training examples|1 spam training example)\n$/);
    expect((await runCli(['comments', 'list'], { env })).stdout).not.toContain('Someone else entirely.');
  });

  it('runs the retention job on demand', async () => {
    const result = await runCli(['comments', 'retention'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^erased IP and user agent from \d+ comments; purged \d+ spam and trash comments; erased the referrer from \d+ spam training examples?\n$/,
    );
  });
});
