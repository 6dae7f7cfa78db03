/**
 * The Broadsheet server under test, in its own process (started by run.ts with an IPC channel).
 * It does what `broadsheet serve` does — boot, buildServer, listen. With BENCH_SERVER_BUILD=dist
 * it loads compiled JavaScript from BENCH_DIST_DIR, and run.ts runs a transpiled copy of this
 * file under plain `node`; otherwise it loads `src/` and runs under `node --import tsx`.
 * Settings come from the usual BROADSHEET_* variables. Messages from the parent:
 *   { type: 'publish', title }          → creates a published article, answers { type: 'published', id, path }
 *   { type: 'edit', id, title }         → retitles it, answers { type: 'edited', path }
 *   { type: 'stats' }                   → answers { type: 'stats', maxRssBytes, rssBytes, heapUsedBytes }
 *   { type: 'stop' }                    → closes and exits
 * On start it sends { type: 'ready', port }.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type BootModule = typeof import('../../src/boot.js');
type ConfigModule = typeof import('../../src/config/load.js');
type ContentModule = typeof import('../../src/content/index.js');
type ActorModule = typeof import('../../src/shared/actor.js');
type ServerModule = typeof import('../../src/web/server.js');

export type ParentMessage = { type: 'publish'; title: string } | { type: 'edit'; id: number; title: string } | { type: 'stats' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'published'; id: number; path: string }
  | { type: 'edited'; path: string }
  | { type: 'stats'; maxRssBytes: number; rssBytes: number; heapUsedBytes: number }
  | { type: 'failed'; message: string };

const fromDist = process.env.BENCH_SERVER_BUILD === 'dist';
const dist = (file: string) => pathToFileURL(join(process.env.BENCH_DIST_DIR ?? '', file)).href;
if (fromDist && !process.env.BENCH_DIST_DIR) throw new Error('BENCH_DIST_DIR must name the compiled code when BENCH_SERVER_BUILD=dist');
const [{ boot }, { loadConfig }, { articlePath }, { systemActor }, { buildServer }] = await Promise.all([
  (fromDist ? import(dist('boot.js')) : import('../../src/boot.js')) as Promise<BootModule>,
  (fromDist ? import(dist('config/load.js')) : import('../../src/config/load.js')) as Promise<ConfigModule>,
  (fromDist ? import(dist('content/index.js')) : import('../../src/content/index.js')) as Promise<ContentModule>,
  (fromDist ? import(dist('shared/actor.js')) : import('../../src/shared/actor.js')) as Promise<ActorModule>,
  (fromDist ? import(dist('web/server.js')) : import('../../src/web/server.js')) as Promise<ServerModule>,
]);

const send = (message: ChildMessage) => process.send?.(message);

const config = loadConfig(process.env);
const ctx = await boot({ config });
const app = await buildServer(ctx, { logRequests: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const actor = systemActor('bench');

async function handle(message: ParentMessage): Promise<void> {
  switch (message.type) {
    case 'publish': {
      const world = await ctx.content.sections.byPath('world');
      if (!world) throw new Error('no World section');
      const article = await ctx.content.articles.create(actor, {
        title: message.title,
        body: 'A short article published while the benchmarked server was running, to check the page cache lets it show at once.',
        sectionId: world.id,
        status: 'published',
        publishedAt: ctx.clock.now(),
        tags: ['Benchmark'],
      });
      return void send({ type: 'published', id: article.id, path: articlePath(article) });
    }
    case 'edit': {
      const current = await ctx.content.articles.byId(message.id);
      const article = await ctx.content.articles.update(actor, message.id, current.version, { title: message.title });
      return void send({ type: 'edited', path: articlePath(article) });
    }
    case 'stats': {
      const memory = process.memoryUsage();
      // ru_maxrss: the peak resident set of this process, in kilobytes.
      return void send({ type: 'stats', maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed });
    }
    case 'stop':
      await app.close();
      await ctx.close();
      process.exit(0);
  }
}

process.on('message', (message: ParentMessage) => {
  handle(message).catch((error: unknown) => send({ type: 'failed', message: (error as Error).stack ?? String(error) }));
});
process.on('disconnect', () => process.exit(0));

send({ type: 'ready', port: (app.server.address() as AddressInfo).port });
