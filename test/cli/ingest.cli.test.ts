import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/boot.js';
import { fixedClock } from '../../src/shared/clock.js';
import { testActor } from '../helpers/factories.js';
import { binPath, runCli, tempDatabaseUrl } from '../helpers/run-cli.js';
import { testConfig } from '../helpers/test-config.js';
import { type FeedServer, rss, startFeedServer, storyText } from '../ingest/feed-server.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.feed(
    '/wire.xml',
    rss('Wire', [
      { guid: 'w1', title: 'WSJ: Markets rally after the summit', link: 'https://wire.example/1', content: `<p>${storyText(501)}</p>` },
      { guid: 'w2', title: 'Harbour strike ends', link: 'https://wire.example/2', content: `<p>${storyText(502)}</p>` },
    ]),
  );
});
afterAll(() => server.close());

/** A database with a World section, as after a first `serve`. */
async function newSite(): Promise<string> {
  const databaseUrl = tempDatabaseUrl();
  const ctx = await boot({ config: testConfig({ databaseUrl }) });
  await ctx.content.sections.create(testActor, { name: 'World' });
  await ctx.close();
  return databaseUrl;
}

describe('broadsheet source and ingest', () => {
  it('adds, lists, ingests with --json, shows the poll per source, and removes a source', async () => {
    const env = { BROADSHEET_DATABASE_URL: await newSite(), BROADSHEET_ALLOW_PRIVATE_FEEDS: '1' };
    const added = await runCli(['source', 'add', '--name', 'Wire', '--url', server.url('/wire.xml'), '--section', 'world', '--policy', 'publish'], { env });
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('added source Wire');
    expect((await runCli(['source', 'list'], { env })).stdout).toMatch(/Wire .*publish .*world .*10 min .*yes .*never polled/);

    const run = await runCli(['ingest', '--json'], { env });
    expect(run.code).toBe(0);
    const lastLine = run.stdout.trim().split('\n').at(-1)!;
    expect(JSON.parse(lastLine)).toEqual({ sources: 1, items: 2, new: 2, updated: 0, duplicate: 0, failed: 0 });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);

    const table = await runCli(['ingest', '--source', 'wire'], { env });
    expect(table.stdout).toMatch(/Wire +ok +2 +0 +0 +2 +0/);
    expect(table.stdout).toMatch(/total +2 +0 +0 +2 +0/);
    expect((await runCli(['source', 'list'], { env })).stdout).toContain('2 items: 0 new, 0 updated, 2 duplicate, 0 failed');

    const removed = await runCli(['source', 'remove', 'Wire'], { env });
    expect(removed.stdout).toContain('removed source Wire');
    expect((await runCli(['source', 'list'], { env })).stdout).toContain('No sources yet');
    const missing = await runCli(['source', 'remove', 'Wire'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('broadsheet: No source named Wire\n');
  });

  it('source test prints what would be ingested and saves nothing; a loopback feed is refused unless allowed', async () => {
    const databaseUrl = await newSite();
    const refused = await runCli(['source', 'test', server.url('/wire.xml')], { env: { BROADSHEET_DATABASE_URL: databaseUrl } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^broadsheet: refused: .*loopback.*\n$/);

    const shown = await runCli(['source', 'test', server.url('/wire.xml'), '--local'], { env: { BROADSHEET_DATABASE_URL: databaseUrl } });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Wire — rss, 2 items');
    expect(shown.stdout).toContain('Nothing was saved.');
    expect(shown.stdout).toContain('• Markets rally after the summit');
    expect(shown.stdout).toContain('credits WSJ');
    const ctx = await boot({ config: testConfig({ databaseUrl }) });
    expect(await ctx.ingest.wireQueue()).toEqual([]);
    expect(await ctx.content.sources.list()).toEqual([]);
    await ctx.close();
  });

  it('refuses bad flags with one line', async () => {
    const env = { BROADSHEET_DATABASE_URL: await newSite() };
    const bad = await runCli(['source', 'add', '--name', 'X', '--url', 'https://x.example/feed', '--policy', 'sometimes'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('broadsheet: Invalid --policy "sometimes": use review or publish\n');
    const noSection = await runCli(['source', 'add', '--name', 'X', '--url', 'https://x.example/feed', '--section', 'nowhere'], { env });
    expect(noSection.stderr).toContain('No section at "nowhere"');
  });

  it('a process killed mid-poll leaves only whole articles, and the next poll finishes the job', async () => {
    const databaseUrl = await newSite();
    const items = [1, 2, 3, 4, 5].map((n) => ({ guid: `k${n}`, title: `Killed poll story ${n}`, link: server.url(`/kill/page-${n}.html`), description: `Summary ${n}.` }));
    server.feed('/kill.xml', rss('Kill', items));
    const page = (n: number) =>
      `<!doctype html><html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1>${Array.from({ length: 5 }, (_, i) => `<p>${storyText(700 + n * 10 + i, 60)}</p>`).join('')}</article></body></html>`;
    let hang = true;
    let sawThird: () => void = () => undefined;
    const third = new Promise<void>((resolve) => {
      sawThird = resolve;
    });
    for (const n of [1, 2, 3, 4, 5]) {
      server.route(`/kill/page-${n}.html`, (_req, res) => {
        if (n === 3 && hang) {
          sawThird();
          return; // never answers: the poll is stuck here when the process is killed
        }
        res.writeHead(200, { 'content-type': 'text/html' }).end(page(n));
      });
    }
    const env = { ...process.env, BROADSHEET_DATABASE_URL: databaseUrl, BROADSHEET_ALLOW_PRIVATE_FEEDS: '1', BROADSHEET_LOG_LEVEL: 'warn' };
    const add = await runCli(['source', 'add', '--name', 'Kill', '--url', server.url('/kill.xml'), '--section', 'world'], { env });
    expect(add.code).toBe(0);
    const child = spawn(process.execPath, [binPath, 'ingest', '--json'], { env, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('close', r));
    await third;
    child.kill('SIGKILL');
    await exited;
    hang = false;

    // Later than the dead poll's lease.
    const ctx = await boot({ config: testConfig({ databaseUrl, allowPrivateFeeds: true }), clock: fixedClock(new Date(Date.now() + 6 * 60_000)) });
    try {
      const filed = await ctx.ingest.wireQueue();
      expect(filed.map((a) => a.title).sort()).toEqual(['Killed poll story 1', 'Killed poll story 2']);
      for (const entry of filed) {
        const article = await ctx.content.articles.byId(entry.id);
        const n = Number(article.title.at(-1));
        expect(article.bodyHtml).toContain(storyText(700 + n * 10, 60).slice(0, 40));
      }
      const summary = await ctx.ingest.run();
      expect(summary).toMatchObject({ items: 5, new: 3, duplicate: 2, failed: 0 });
      expect((await ctx.ingest.wireQueue()).map((a) => a.title).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `Killed poll story ${n}`));
    } finally {
      await ctx.close();
    }
  });
});
