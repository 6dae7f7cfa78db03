/**
 * Comments benchmark (`node --import tsx bench/comments/run.ts`).
 *
 * 1. Article page with 0 vs 200 approved, threaded comments, page cache off: req/s of each
 *    (autocannon, 64 connections, a warm-up, then the measured run). Target: the page with
 *    comments keeps ≥ 60 % of the req/s of the page without.
 * 2. With the cache on, a comment approved while the page is cached shows on the next request.
 * 3. Posting: concurrent POSTs of distinct comments to the JSON API (rate limits and the
 *    time-to-submit raised through the comment settings), reporting comments/s and checking
 *    that the comments stored equal the 2xx answers. Target ≥ 300 comments/s on SQLite.
 *
 * Each server runs in its own child process on a fresh SQLite database in the temp directory.
 * Environment: BENCH_DURATION (seconds, default 10), BENCH_WARMUP (default 2),
 * BENCH_CONNECTIONS (default 64), BENCH_POSTS (comments posted, default 5000). Exits 1 when a run fails outright (errors, a check failing);
 * missed performance targets are reported as NOT met.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { boot } from '../../src/boot.js';
import type { CommentsPatchForBench } from './types.js';
import { testConfigFor } from './types.js';

const envNumber = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
};
const duration = envNumber('BENCH_DURATION', 10);
const warmup = envNumber('BENCH_WARMUP', 2);
const connections = envNumber('BENCH_CONNECTIONS', 64);
const posts = envNumber('BENCH_POSTS', 5000);
const targets = { ratio: 0.6, commentsPerSecond: 300 };
const actor = { kind: 'system', name: 'bench' } as const;
const fast: CommentsPatchForBench = { minSecondsToSubmit: 0, rateLimits: { perMinute: 1_000_000, perHour: 10_000_000 } };

interface Result {
  duration: number;
  errors: number;
  non2xx: number;
  '2xx': number;
  latency: { p99: number };
  requests: { average: number };
}
type Cannon = (options: Record<string, unknown>) => Promise<Result>;
const cannon = autocannon as unknown as Cannon;

/** Three articles: one without comments, one with 200 approved comments in 50 threads three deep, one to post to. */
async function seed(databaseUrl: string) {
  const ctx = await boot({ config: testConfigFor(databaseUrl) });
  try {
    const section = await ctx.content.sections.create(actor, { name: 'Bench' });
    const body = 'A benchmark article body.\n\nIt has a few paragraphs, like a short wire story.\n\nAnd one more paragraph to render.';
    const make = (slug: string) => ctx.content.articles.create(actor, { title: `Bench ${slug}`, slug, body, sectionId: section.id, status: 'published', publishedAt: new Date(Date.now() - 3_600_000) });
    await make('no-comments');
    const busy = await make('two-hundred-comments');
    const posting = await make('posting');
    await ctx.comments.settings.update(actor, { ...fast, moderation: { mode: 'post' } });
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) {
      // 0–49 top level (one page); 50–149 answer them, two each (depth 2); 150–199 answer 50–99 (depth 3).
      const parentId = i < 50 ? undefined : i < 150 ? ids[(i - 50) % 50] : ids[i - 100];
      const res = await ctx.comments.submit({
        article: { id: busy.id },
        fields: {
          content: `Comment ${i}: a reader's view on the story, with a link to https://example.org/source/${i} and a second sentence.\n\nAnd a second paragraph.`,
          authorName: `Reader ${i}`,
          authorEmail: `reader${i}@example.com`,
          authorUrl: i % 3 === 0 ? `https://reader${i}.example/` : undefined,
          parentId,
        },
        commenter: { kind: 'guest' },
        client: { ip: '192.0.2.10' },
        form: { token: ctx.comments.formToken(busy.id) },
      });
      if (res.kind !== 'stored') throw new Error(`seeding comment ${i}: ${JSON.stringify(res)}`);
      // Every comment carries a link, which the shipped model tends to hold: a moderator approves it.
      if (res.status !== 'approved') await ctx.comments.moderate(actor, res.id, 'approve');
      ids.push(res.id);
    }
    return { empty: '/bench/no-comments', busy: '/bench/two-hundred-comments', posting: posting.slug };
  } finally {
    await ctx.close();
  }
}

function startServer(databaseUrl: string, pageCache: 'on' | 'off'): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BROADSHEET_DATABASE_URL: databaseUrl, BROADSHEET_PAGE_CACHE: pageCache, BROADSHEET_LOG_LEVEL: 'warn', BROADSHEET_SECRET: 'bench-secret-bench-secret-bench' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type: string; port: number }) => m.type === 'ready' && resolve({ child, base: `http://127.0.0.1:${m.port}` }));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.send({ type: 'stop' });
  });
}

async function measure(url: string): Promise<Result> {
  await cannon({ url, connections, duration: warmup });
  const result = await cannon({ url, connections, duration });
  if (result.errors || result.non2xx) throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  return result;
}

const failures: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-comments-'));
const databaseUrl = `sqlite:${join(dir, 'bench.db')}`;
try {
  const seeded = await seed(databaseUrl);

  // 1. Cache off: 0 vs 200 comments.
  const uncached = await startServer(databaseUrl, 'off');
  const busyPage = await (await fetch(`${uncached.base}${seeded.busy}`)).text();
  const shown = busyPage.match(/<li id="comment-/g)?.length ?? 0;
  if (shown !== 200) failures.push(`the busy page shows ${shown} comments, not 200`);
  const none = await measure(`${uncached.base}${seeded.empty}`);
  const many = await measure(`${uncached.base}${seeded.busy}`);
  await stopServer(uncached.child);
  const ratio = many.requests.average / none.requests.average;

  // 2 and 3. Cache on: visibility of a new approved comment, then the posting run.
  const cached = await startServer(databaseUrl, 'on');
  const listing = (await (await fetch(`${cached.base}/api/v1/articles/${seeded.posting}/comments`)).json()) as { formToken: string };
  const postingPath = '/bench/posting';
  await fetch(`${cached.base}${postingPath}`);
  const probe = await fetch(`${cached.base}/api/v1/articles/${seeded.posting}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ content: 'Visibility probe comment.', authorName: 'Probe', authorEmail: 'probe@example.com', formToken: listing.formToken }),
  });
  const probeId = ((await probe.json()) as { id: number }).id;
  const visibleAtOnce = (await (await fetch(`${cached.base}${postingPath}`)).text()).includes(`id="comment-${probeId}"`);
  if (!visibleAtOnce) failures.push('a new approved comment did not show on the cached page at once');

  let sequence = 0;
  const runId = Date.now().toString(36);
  // A fixed number of requests rather than a duration: autocannon drops the answers still in
  // flight when a duration ends, which would make stored comments outnumber counted 2xx.
  const posted = await cannon({
    url: `${cached.base}/api/v1/articles/${seeded.posting}/comments`,
    connections,
    amount: posts,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: Record<string, unknown>) => {
          sequence++;
          return {
            ...request,
            body: JSON.stringify({
              content: `Benchmark comment ${runId}-${sequence}: distinct text so no two are duplicates.`,
              authorName: `Poster ${sequence % 500}`,
              authorEmail: `poster${sequence % 500}@example.com`,
              formToken: listing.formToken,
            }),
          };
        },
      },
    ],
  });
  await stopServer(cached.child);

  const check = await boot({ config: testConfigFor(databaseUrl) });
  const totals = await check.comments.countByStatus(actor);
  await check.close();
  // Everything stored, less the 200 seeded comments and the visibility probe.
  const storedAll = Object.values(totals).reduce((a, b) => a + b, 0) - 200 - 1;
  const ok2xx = posted['2xx'];
  if (posted.errors) failures.push(`posting: ${posted.errors} connection errors`);
  if (storedAll !== ok2xx) failures.push(`posting: ${ok2xx} answers were 2xx but ${storedAll} comments were stored`);
  const perSecond = ok2xx / posted.duration;

  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const rows: [string, string, string][] = [
    ['article page, 0 comments (cache off)', `${none.requests.average.toFixed(0)} req/s`, `p99 ${none.latency.p99} ms`],
    ['article page, 200 comments (cache off)', `${many.requests.average.toFixed(0)} req/s`, `p99 ${many.latency.p99} ms`],
    ['  ratio (target ≥ 60 %)', pct(ratio), ratio >= targets.ratio ? 'met' : 'NOT met'],
    ['new approved comment on cached page', visibleAtOnce ? 'shown at once' : 'NOT shown', ''],
    ['posting through the JSON API', `${perSecond.toFixed(0)} comments/s`, perSecond >= targets.commentsPerSecond ? 'met (target ≥ 300)' : 'NOT met (target ≥ 300)'],
    ['  2xx answers vs comments stored', `${ok2xx} / ${storedAll}`, ok2xx === storedAll ? 'equal' : 'DIFFERENT'],
    ['  non-2xx answers', String(posted.non2xx), `p99 ${posted.latency.p99} ms`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`\nComments benchmark (SQLite, ${connections} connections, ${duration} s each after ${warmup} s warm-up)\n`);
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(width)}  ${b.padStart(18)}  ${c}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failures.length) {
  for (const f of failures) process.stderr.write(`FAILED: ${f}\n`);
  process.exit(1);
}
