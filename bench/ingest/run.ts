/*
 * Ingest throughput: 50 feeds × 200 items served from a local HTTP server and ingested into a
 * fresh SQLite database (no full-text fetching), then the per-item near-duplicate lookup cost
 * at 1k, 10k and 100k stored fingerprints (near-duplicate-lookup.ts).
 * Run: npm run bench:ingest
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot } from '../../src/boot.js';
import { loadConfig } from '../../src/config/load.js';
import { createIngestService } from '../../src/ingest/index.js';
import { systemActor } from '../../src/shared/actor.js';
import { createLogger } from '../../src/shared/logger.js';

const FEEDS = 50;
const ITEMS = 200;
const actor = systemActor('bench');

const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'zo', 'pe', 'da', 'fu', 'gi', 'ho', 'ja', 'be'];
function words(seed: number, count: number): string[] {
  let x = (seed * 7919 + 17) % 2147483647;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    x = (x * 48271) % 2147483647;
    let word = '';
    for (let n = x, k = 0; k < 3; k++, n = Math.floor(n / 16)) word += syllables[n % 16];
    out.push(word);
  }
  return out;
}

function feed(f: number): string {
  const items: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const seed = f * 1000 + i;
    const w = words(seed, 160);
    const name = (s: string) => s[0].toUpperCase() + s.slice(1);
    const body = `<p>Minister ${name(w[0])} ${name(w[1])} told reporters in ${name(w[2])} that ${w.slice(3, 60).join(' ')}.</p><p>${w.slice(60).join(' ')}.</p>`;
    items.push(
      `<item><guid>bench-${f}-${i}</guid><title>${name(w[0])} ${w.slice(4, 10).join(' ')}</title><link>https://bench.example/${f}/${i}</link>` +
        `<category>${f % 2 ? 'World' : 'Business'}</category><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate>` +
        `<content:encoded><![CDATA[${body}]]></content:encoded></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ${f}</title><link>https://bench.example/</link>${items.join('')}</channel></rss>`;
}

const bodies = Array.from({ length: FEEDS }, (_, f) => Buffer.from(feed(f)));
const server = createServer((req, res) => {
  const f = Number(/\/feed-(\d+)\.xml/.exec(req.url ?? '')?.[1]);
  if (!(f >= 0 && f < FEEDS)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bodies[f]);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-ingest-'));
const config = loadConfig({}, { databaseUrl: `sqlite:${join(dir, 'bench.db')}`, logLevel: 'silent', allowPrivateFeeds: 'on' });
const ctx = await boot({ config, log: createLogger('silent') });
const world = await ctx.content.sections.create(actor, { name: 'World' });
for (let f = 0; f < FEEDS; f++) {
  await ctx.content.sources.create(actor, { name: `Feed ${f}`, feedUrl: `http://127.0.0.1:${port}/feed-${f}.xml`, defaultSectionId: world.id, policy: 'publish' });
}
const ingest = createIngestService({ db: ctx.db, content: ctx.content, clock: ctx.clock, log: ctx.log, changes: ctx.changes, allowPrivateFeeds: true, fullText: false });

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 25);
const started = performance.now();
const summary = await ingest.run();
const seconds = (performance.now() - started) / 1000;
const again = performance.now();
const second = await ingest.run();
const secondSeconds = (performance.now() - again) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`\nIngest: ${FEEDS} feeds × ${ITEMS} items from a local HTTP server into SQLite (no full-text fetching)\n`);
console.log('run                    | items  | new    | duplicate | failed | seconds | items/s');
console.log('-----------------------|--------|--------|-----------|--------|---------|--------');
for (const [label, s, secs] of [
  ['first pass (all new)', summary, seconds],
  ['second pass (all seen)', second, secondSeconds],
] as const) {
  console.log(
    `${label.padEnd(22)} | ${String(s.items).padStart(6)} | ${String(s.new).padStart(6)} | ${String(s.duplicate).padStart(9)} | ${String(s.failed).padStart(6)} | ${secs.toFixed(2).padStart(7)} | ${(s.items / secs).toFixed(0).padStart(6)}`,
  );
}
console.log(`\npeak RSS ${mb(peakRss)} (target ≥ 200 items/s on the first pass)\n`);

await ctx.close();
server.close();
rmSync(dir, { recursive: true, force: true });

console.log('Near-duplicate lookup cost per item:');
await import('./near-duplicate-lookup.js');
