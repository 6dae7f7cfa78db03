/**
 * In-process micro-measurement of uncached pages, for iterating without the full `npm run bench`:
 * boots Broadsheet on a benchmark database (seeded on first use and kept), with the page cache
 * off, and times sequential in-process requests (`app.inject`) for each path.
 *
 *   node --import tsx bench/site/micro.ts site|comments [requests] [path…]
 *
 * `site` is the site benchmark's database (1,000 articles; default paths: the benchmarked
 * article and the home page), `comments` the comments benchmark's (default paths: the article
 * without comments and the one with 200). Databases live in $TMPDIR/broadsheet-micro/. Prints
 * the mean milliseconds per request; add `--cpu-prof` to node's arguments for a profile to read
 * with profile-summary.ts. In-process requests build the whole response as a string, which
 * costs more than the page for big pages: MICRO_HTTP=1 instead serves the database from a
 * child process (src/ through tsx, with node arguments from MICRO_CHILD_ARGS) and loads each path with autocannon (64 connections) for
 * `requests` seconds, printing req/s and the server's CPU time per request.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { boot } from '../../src/boot.js';
import { loadConfig } from '../../src/config/load.js';
import { buildServer } from '../../src/web/server.js';
import { seedCommentsBench } from '../comments/seed.js';
import { seedBenchDatabase } from './seed.js';

const [mode, countArg, ...pathArgs] = process.argv.slice(2);
if (mode !== 'site' && mode !== 'comments') throw new Error('usage: micro.ts site|comments [requests] [path…]');
const requests = Number(countArg || 2000);
const dir = join(tmpdir(), 'broadsheet-micro');
const file = join(dir, `${mode}.db`);
const seedInfo = `${file}.json`;
if (!existsSync(seedInfo)) {
  mkdirSync(dir, { recursive: true });
  const paths = mode === 'site' ? [(await seedBenchDatabase(`sqlite:${file}`)).articlePath, '/'] : await seedCommentsBench(`sqlite:${file}`).then((s) => [s.empty, s.busy]);
  writeFileSync(seedInfo, JSON.stringify(paths));
}
const paths = pathArgs.length ? pathArgs : (JSON.parse(readFileSync(seedInfo, 'utf8')) as string[]);

const env = { BROADSHEET_DATABASE_URL: `sqlite:${file}`, BROADSHEET_PAGE_CACHE: process.env.BROADSHEET_PAGE_CACHE ?? 'off', BROADSHEET_LOG_LEVEL: 'warn' };
if (process.env.MICRO_HTTP === '1') {
  const child = fork(fileURLToPath(new URL('../comments/server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx', ...(process.env.MICRO_CHILD_ARGS ?? '').split(' ').filter(Boolean)], env: { ...process.env, ...env } });
  const port = await new Promise<number>((resolve) => child.on('message', (m: { type: string; port: number }) => m.type === 'ready' && resolve(m.port)));
  const cpu = () =>
    new Promise<number>((resolve) => {
      const listen = (m: { type: string; micros: number }) => {
        if (m.type !== 'cpu') return;
        child.off('message', listen);
        resolve(m.micros);
      };
      child.on('message', listen);
      child.send({ type: 'cpu' });
    });
  for (const path of paths) {
    const url = `http://127.0.0.1:${port}${path}`;
    await autocannon({ url, connections: 64, duration: 2 });
    const before = await cpu();
    const r = await autocannon({ url, connections: 64, duration: requests });
    const perRequest = (await cpu()) - before;
    console.log(
      `${path}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, server CPU ${(perRequest / r.requests.total).toFixed(0)} µs per request`,
    );
  }
  child.send({ type: 'stop' });
} else {
  const ctx = await boot({ config: loadConfig(env) });
  const app = await buildServer(ctx, { logRequests: false });
  await app.ready();
  for (const path of paths) {
    const first = await app.inject(path);
    if (first.statusCode !== 200) throw new Error(`${path} answered ${first.statusCode}`);
    for (let i = 0; i < Math.min(500, requests); i++) await app.inject(path);
    const started = performance.now();
    for (let i = 0; i < requests; i++) await app.inject(path);
    const ms = (performance.now() - started) / requests;
    console.log(`${path}: ${ms.toFixed(3)} ms per request (${first.rawPayload.length.toLocaleString('en')} B)`);
  }
  await app.close();
  await ctx.close();
}
