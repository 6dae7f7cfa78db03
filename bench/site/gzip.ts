/**
 * `node --import tsx bench/site/gzip.ts [sends]`: what gzip costs a send of a kept article page
 * (one with a fresh comment form token on every send), in one process. Seeds the site
 * benchmark's database in the temp directory, renders its article page through the real
 * server, then times three ways to send that page: as it is, its gzip form joined around the
 * token (what the site does), and compressing the whole page on every send (the obvious
 * alternative). Prints microseconds per send, the ratio to the plain send measured in the same
 * run, and the bytes sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { boot } from '../../src/boot.js';
import { loadConfig } from '../../src/config/load.js';
import { pageBody, preparePage, representationFor, withTokenSlot } from '../../src/web/plugins/page-cache.js';
import { buildServer } from '../../src/web/server.js';
import { seedBenchDatabase } from './seed.js';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-gzip-'));
const databaseUrl = `sqlite:${join(dir, 'site.db')}`;
const { articlePath } = await seedBenchDatabase(databaseUrl);
const ctx = await boot({ config: loadConfig({ BROADSHEET_DATABASE_URL: databaseUrl, BROADSHEET_LOG_LEVEL: 'warn' }) });
const app = await buildServer(ctx, { logRequests: false });
await app.ready();
await app.inject(articlePath);
const kept = app.pageCache.find(articlePath)?.page;
await app.close();
await ctx.close();
rmSync(dir, { recursive: true, force: true });
if (!kept?.rest) throw new Error(`${articlePath} was not kept as a page with a form token`);

const placeholder = '__FORM_TOKEN__';
const markup = `${kept.body.toString('utf8')}${placeholder}${kept.rest.toString('utf8')}`;
let n = 0;
// A new token on every send, as under load spread over many milliseconds.
const page = preparePage(withTokenSlot(markup, placeholder), {
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'public, no-cache',
  token: () => `${1_700_000_000_000 + ++n}.k7Jq0Vx3d9Zb1mYc8TnR2sLw5pHf4aGe6uXiO-Ay_Qw`,
});

const sends = Number(process.argv[2] ?? 20_000);
function time(label: string, send: () => Buffer): { label: string; us: number; bytes: number } {
  for (let i = 0; i < 1000; i++) send();
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < sends; i++) bytes = send().length;
  return { label, us: ((performance.now() - started) * 1000) / sends, bytes };
}

const gzip = representationFor(page, 'gzip');
const results = [
  time('plain page', () => pageBody(page)),
  time('gzip, joined around the token', () => gzip.body()),
  time('gzip of the whole page per send', () => gzipSync(pageBody(page))),
];
const base = results[0];
console.log(`article page ${articlePath}, ${pageBody(page).length.toLocaleString('en')} bytes, ${sends.toLocaleString('en')} sends each`);
for (const r of results) {
  console.log(`${r.label.padEnd(34)} ${r.us.toFixed(2).padStart(7)} µs/send  ${(r.us / base.us).toFixed(2).padStart(6)}× plain  ${r.bytes.toLocaleString('en').padStart(7)} bytes`);
}
