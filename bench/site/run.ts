/**
 * `npm run bench`: how fast Broadsheet serves its public pages, next to a bare `node:http`
 * server sending a fixed page of the same size.
 *
 * Seeds a fresh SQLite database in the temp directory with 1,000 articles, then, each server in
 * its own child process and autocannon (64 connections from two worker threads) in this one,
 * measures the article page and the home page with the page cache off and on, and the bare
 * server at each page's size. Per page the four scenarios are loaded in alternation: a warm-up
 * of each, then BENCH_ROUNDS rounds loading each in turn; a ratio is taken within each round
 * and the median round's is reported, since this machine's speed drifts within minutes.
 * Prints req/s, p50, p99, the ratios to the bare servers and the
 * server's peak RSS, checks that an article published or edited while the cache is on shows at
 * once, and writes everything to bench/results/site.json.
 *
 * Targets: with the cache ≥ 50 % of the bare server's req/s, without it ≥ 12 %; p99 < 50 ms;
 * peak RSS < 250 MB. The bare server is judged sending the very page being measured ("bare,
 * … bytes"): autocannon decodes every response body as UTF-8, which costs it several times
 * more for text holding any non-ASCII character (one accented place name is enough), and it
 * shares the CPUs with the server, so a bare server sending other bytes measures a different
 * load generator. With the home page's one "Bogotá", the bare server itself reaches only
 * 60–70 % of its ASCII req/s; a site written in Bulgarian would be all non-ASCII. The ratio
 * to an ASCII page of the same size ("bare, … size", the "vs ASCII" column) is printed too.
 * With one autocannon thread the decoding capped the home page at ~16,800 req/s whichever
 * server sent it; two threads (BENCH_WORKERS) lift the cap to ~27,000 and leave the bare ASCII
 * server at the ~45,000 req/s the issue quotes for this machine.
 *
 * Environment: BENCH_DURATION (seconds measured per scenario over all rounds, default 15),
 * BENCH_ROUNDS (default 3), BENCH_WARMUP (default 3),
 * BENCH_CONNECTIONS (default 64, shared by the threads), BENCH_WORKERS (autocannon threads, default 2), BENCH_SERVER_BUILD=compile|dist|src (compile, the default:
 * tsc compiles the current src/ into the temp directory and the server runs that under plain
 * node; dist: the repository's dist/ as built; src: src/ through tsx), BENCH_PROFILE=1
 * (the server processes write V8 CPU profiles to bench/results/profiles/), BENCH_KEEP=1 (keep
 * the temporary database).
 *
 * Exits 1 when a run fails outright (a crash, non-2xx answers or connection errors, the
 * visibility check failing); missed performance targets, timeouts included, are reported as
 * NOT met.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import ts from 'typescript';
import type { ChildMessage, ParentMessage } from './server-process.js';
import { seedBenchDatabase } from './seed.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

const envNumber = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not ${value}`);
  return n;
};
const duration = envNumber('BENCH_DURATION', 15);
const warmup = envNumber('BENCH_WARMUP', 3);
const connections = envNumber('BENCH_CONNECTIONS', 64);
const workers = envNumber('BENCH_WORKERS', 2);
const rounds = envNumber('BENCH_ROUNDS', 3);
const profile = process.env.BENCH_PROFILE === '1';
const targets = { cachedRatio: 0.5, uncachedRatio: 0.12, p99Ms: 50, rssMb: 250 };
const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// ---------------------------------------------------------------------------------------------
// Which build of the server to run

interface Build {
  /** What server-process.ts loads: compiled JavaScript from `distDir`, or src/ through tsx. */
  kind: 'dist' | 'src';
  distDir?: string;
  note: string;
}

/**
 * By default the current src/ is compiled with tsc (tsconfig.build.json) into the work
 * directory, next to links to assets/, models/, node_modules/ and package.json so its relative
 * paths resolve as in dist/: the compiled server users run, of the code as it is now, without
 * writing to the repository. BENCH_SERVER_BUILD=dist runs the repository's dist/ as built;
 * BENCH_SERVER_BUILD=src runs src/ through tsx.
 */
function prepareBuild(workDir: string): Build {
  const wanted = process.env.BENCH_SERVER_BUILD ?? 'compile';
  if (wanted === 'src') return { kind: 'src', note: 'src/ through tsx (BENCH_SERVER_BUILD=src)' };
  if (wanted === 'dist') return { kind: 'dist', distDir: join(root, 'dist'), note: "the repository's dist/ as last built (BENCH_SERVER_BUILD=dist)" };
  if (wanted !== 'compile') throw new Error(`BENCH_SERVER_BUILD must be compile, dist or src, not ${wanted}`);
  const buildDir = join(workDir, 'build');
  mkdirSync(buildDir);
  for (const name of ['assets', 'models', 'node_modules', 'package.json']) symlinkSync(join(root, name), join(buildDir, name));
  const started = performance.now();
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(buildDir, 'dist'), '--sourceMap', 'false'], {
    cwd: root,
    encoding: 'utf8',
  });
  const distDir = join(buildDir, 'dist');
  if (!existsSync(join(distDir, 'web/server.js'))) throw new Error(`tsc emitted no server:\n${tsc.stdout}${tsc.stderr}`);
  const errors = (tsc.stdout.match(/error TS\d+/g) ?? []).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  return {
    kind: 'dist',
    distDir,
    note: `src/ compiled by tsc in ${seconds} s, run under plain node${errors ? ` (tsc reported ${errors} type errors; the JavaScript was emitted anyway)` : ''}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes

interface Child {
  process: ChildProcess;
  port: number;
  request<T extends ChildMessage['type']>(message: ParentMessage, answer: T): Promise<Extract<ChildMessage, { type: T }>>;
  stop(): Promise<void>;
}

/**
 * A copy of a bench script transpiled to plain JavaScript in the work directory, so that it runs
 * under plain `node`: the tsx loader keeps a hooks thread with its own V8 heap (≈ 40–70 MB of
 * RSS) that users' servers do not have.
 */
function plainScript(script: string): string {
  const source = readFileSync(join(here, script), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(workDir, script.replace(/\.ts$/, '.mjs'));
  writeFileSync(file, outputText);
  return file;
}

/** Starts a bench script: plain node on a transpiled copy, or through tsx when it loads src/. */
function startChild(name: string, script: string, env: Record<string, string>, viaTsx: boolean): Promise<Child> {
  const nodeArgs = viaTsx ? ['--import', 'tsx'] : [];
  if (profile && name.startsWith('broadsheet')) {
    const dir = join(root, 'bench/results/profiles');
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${name}.cpuprofile`);
  }
  const child = spawn(process.execPath, [...nodeArgs, viaTsx ? join(here, script) : plainScript(script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) process.stderr.write(`[${name}] ${line}\n`);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const request: Child['request'] = (message, answer) =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: ChildMessage) => {
        if (reply.type !== answer && reply.type !== 'failed') return;
        child.off('message', onMessage);
        if (reply.type === 'failed') reject(new Error(`${name}: ${reply.message}`));
        else resolve(reply as Extract<ChildMessage, { type: typeof answer }>);
      };
      child.on('message', onMessage);
      child.send(message);
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${name} did not start within 60 s`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve({
        process: child,
        port: message.port,
        request,
        async stop() {
          if (child.exitCode !== null) return;
          if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
          const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timeout);
        },
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Measurement {
  scenario: string;
  url: string;
  pageBytes: number;
  /** Over all rounds: requests answered ÷ seconds measured. */
  reqPerSec: number;
  /** Each round's req/s, in order. */
  roundReqPerSec: number[];
  /** The median round's p50 and p99. */
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface Scenario {
  scenario: string;
  url: string;
  pageBytes: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Measures the scenarios in alternation: a warm-up of each, then `rounds` rounds, each loading
 * every scenario in turn for duration ÷ rounds seconds. The machine's speed drifts by up to 3×
 * within minutes, so a ratio between scenarios is taken within each round (see `roundRatio`).
 */
async function measureAlternating(scenarios: readonly Scenario[]): Promise<Measurement[]> {
  for (const s of scenarios) {
    process.stderr.write(`${s.scenario}: warm-up ${warmup} s\n`);
    await autocannon({ url: s.url, connections, duration: warmup, workers });
  }
  const seconds = duration / rounds;
  const runs: autocannon.Result[][] = scenarios.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    for (const [i, s] of scenarios.entries()) {
      process.stderr.write(`round ${round}/${rounds}, ${s.scenario}: ${seconds.toFixed(1)} s … `);
      const r = await autocannon({ url: s.url, connections, duration: seconds, workers });
      process.stderr.write(`${Math.round(r.requests.average).toLocaleString('en')} req/s\n`);
      runs[i].push(r);
    }
  }
  return scenarios.map((s, i) => {
    const results = runs[i];
    const sum = (pick: (r: autocannon.Result) => number) => results.reduce((total, r) => total + pick(r), 0);
    return {
      ...s,
      reqPerSec: sum((r) => r.requests.total) / sum((r) => r.duration),
      roundReqPerSec: results.map((r) => r.requests.average),
      p50Ms: median(results.map((r) => r.latency.p50)),
      p99Ms: median(results.map((r) => r.latency.p99)),
      requests: sum((r) => r.requests.total),
      non2xx: sum((r) => r.non2xx),
      errors: sum((r) => r.errors),
      timeouts: sum((r) => r.timeouts),
    };
  });
}

/** The median over rounds of a scenario's req/s ÷ a baseline's req/s in the same round. */
function roundRatio(r: Measurement, baseline: Measurement): number {
  return median(r.roundReqPerSec.map((rps, i) => rps / baseline.roundReqPerSec[i]));
}

async function fetchPage(url: string): Promise<{ status: number; body: string; bytes: number; etag: string | null }> {
  const response = await fetch(url, { redirect: 'manual' });
  const buffer = Buffer.from(await response.arrayBuffer());
  return { status: response.status, body: buffer.toString('utf8'), bytes: buffer.length, etag: response.headers.get('etag') };
}

async function pageSize(url: string): Promise<number> {
  const page = await fetchPage(url);
  if (page.status !== 200) throw new Error(`${url} answered ${page.status}, not 200`);
  return page.bytes;
}

/** Saves a page's bytes to a file for the bare server; returns the file. */
async function savePage(url: string, file: string): Promise<string> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}, not 200`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return file;
}

// ---------------------------------------------------------------------------------------------
// The run

const started = performance.now();
const workDir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
const databaseUrl = `sqlite:${join(workDir, 'site.db')}`;
const children = new Set<Child>();
let build: Build = { kind: 'src', note: '' };
let failed = false;

async function broadsheet(cache: 'on' | 'off'): Promise<Child> {
  const child = await startChild(`broadsheet-cache-${cache}`, 'server-process.ts', {
    BROADSHEET_DATABASE_URL: databaseUrl,
    BROADSHEET_PAGE_CACHE: cache,
    BROADSHEET_LOG_LEVEL: 'warn',
    BENCH_SERVER_BUILD: build.kind,
    BENCH_DIST_DIR: build.distDir ?? '',
  }, build.kind === 'src');
  children.add(child);
  return child;
}

/** The bare server, sending an ASCII page of `bytes` bytes or the bytes of `file`. */
async function bare(page: { bytes: number } | { file: string }): Promise<Child> {
  const child = await startChild('bare', 'bare-server.ts', 'file' in page ? { BENCH_BARE_FILE: page.file } : { BENCH_BARE_BYTES: String(page.bytes) }, false);
  children.add(child);
  return child;
}

async function stop(child: Child): Promise<void> {
  await child.stop();
  children.delete(child);
}

try {
  console.log(
    `Broadsheet site benchmark: ${connections} connections from ${workers} autocannon threads; per page, a ${warmup} s warm-up of each scenario, then ${rounds} rounds of ${(duration / rounds).toFixed(1)} s per scenario in turn (${duration} s each in all)`,
  );
  build = prepareBuild(workDir);
  console.log(`server: ${build.note}`);
  console.log(`machine: ${availableParallelism()} CPUs, load average ${loadAverage()} at start (the load generator shares them with the server)`);

  const seed = await seedBenchDatabase(databaseUrl);
  console.log(`seeded ${seed.articles.toLocaleString('en')} articles in ${seed.seconds.toFixed(1)} s (${databaseUrl})`);
  console.log(`article page: ${seed.articlePath} (${seed.articleWords} words of Markdown)`);

  const results: Measurement[] = [];
  const rss: Record<'on' | 'off', number> = { on: 0, off: 0 };

  // The servers of a page run side by side (idle ones cost nothing), so that its scenarios can
  // be loaded in alternating rounds: on a shared machine the load drifts, and a ratio is
  // fairest between runs close in time.
  const [uncachedServer, server] = await Promise.all([broadsheet('off'), broadsheet('on')]);
  const uncached = `http://127.0.0.1:${uncachedServer.port}`;
  const cached = `http://127.0.0.1:${server.port}`;
  const paths = { article: seed.articlePath, home: '/' };
  const sizes = { article: await pageSize(`${uncached}${paths.article}`), home: await pageSize(`${uncached}/`) };
  console.log(`page sizes: article ${sizes.article.toLocaleString('en')} B, home ${sizes.home.toLocaleString('en')} B\n`);
  for (const page of ['article', 'home'] as const) {
    const bytes = sizes[page];
    const [ascii, sameBytes] = await Promise.all([bare({ bytes }), bare({ file: await savePage(`${uncached}${paths[page]}`, join(workDir, `${page}.html`)) })]);
    const bareUrl = `http://127.0.0.1:${ascii.port}/`;
    const got = await pageSize(bareUrl);
    if (got !== bytes) throw new Error(`the bare server sent ${got} B, not ${bytes} B`);
    const cachedBytes = await pageSize(`${cached}${paths[page]}`);
    if (cachedBytes !== bytes) console.warn(`note: the ${page} page is ${cachedBytes} B with the cache on, ${bytes} B without`);
    results.push(
      ...(await measureAlternating([
        { scenario: `bare, ${page} size`, url: bareUrl, pageBytes: bytes },
        { scenario: `bare, ${page} bytes`, url: `http://127.0.0.1:${sameBytes.port}/`, pageBytes: bytes },
        { scenario: `${page}, cache on`, url: `${cached}${paths[page]}`, pageBytes: cachedBytes },
        { scenario: `${page}, cache off`, url: `${uncached}${paths[page]}`, pageBytes: bytes },
      ])),
    );
    await Promise.all([stop(ascii), stop(sameBytes)]);
  }
  rss.off = (await uncachedServer.request({ type: 'stats' }, 'stats')).maxRssBytes;
  await stop(uncachedServer);
  rss.on = (await server.request({ type: 'stats' }, 'stats')).maxRssBytes;

  // A published or edited article is visible at once with the cache on. Pages are compared by
  // ETag (computed from the cached body), since per-reader parts such as a comment form token
  // may be filled in after the cache.
  const title = `Benchmark check ${Date.now().toString(36)} published`;
  const editedTitle = title.replace('published', 'edited');
  const homeBefore = await fetchPage(`${cached}/`);
  const homeCachedAgain = await fetchPage(`${cached}/`);
  const published = await server.request({ type: 'publish', title }, 'published');
  const homeAfter = await fetchPage(`${cached}/`);
  const articleBefore = await fetchPage(`${cached}${published.path}`);
  const articleCachedAgain = await fetchPage(`${cached}${published.path}`);
  const edited = await server.request({ type: 'edit', id: published.id, title: editedTitle }, 'edited');
  const articleAfter = await fetchPage(`${cached}${edited.path}`);
  const homeAfterEdit = await fetchPage(`${cached}/`);
  const visibility = {
    homeServedFromCache: homeBefore.etag !== null && homeBefore.etag === homeCachedAgain.etag && !homeBefore.body.includes(title),
    publishedOnHome: homeAfter.status === 200 && homeAfter.body.includes(title),
    publishedArticlePage: articleBefore.status === 200 && articleBefore.body.includes(title) && articleCachedAgain.etag === articleBefore.etag,
    editedOnArticlePage: articleAfter.status === 200 && articleAfter.body.includes(editedTitle) && !articleAfter.body.includes(title),
    editedOnHome: homeAfterEdit.status === 200 && homeAfterEdit.body.includes(editedTitle) && !homeAfterEdit.body.includes(title),
  };
  const visible = Object.values(visibility).every(Boolean);
  await stop(server);

  // -------------------------------------------------------------------------------------------
  // Report

  const byName = new Map(results.map((r) => [r.scenario, r]));
  const order = [
    'bare, article size',
    'bare, home size',
    'bare, article bytes',
    'bare, home bytes',
    'article, cache on',
    'home, cache on',
    'article, cache off',
    'home, cache off',
  ];
  const rows: string[][] = [['scenario', 'page B', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'vs ASCII', 'target', 'result']];
  const verdicts: { scenario: string; ratio: number | null; asciiRatio: number | null; met: boolean | null; problems: string[] }[] = [];
  for (const name of order) {
    const r = byName.get(name);
    if (!r) continue;
    const problems: string[] = [];
    // Timeouts (no answer within 10 s) are a performance result; other errors and non-2xx are failures.
    if (r.timeouts) problems.push(`${r.timeouts} timed out`);
    if (r.non2xx || r.errors > r.timeouts) {
      problems.push(`${r.non2xx} non-2xx, ${r.errors - r.timeouts} errors`);
      failed = true;
    }
    let ratio: number | null = null;
    let asciiRatio: number | null = null;
    let met: boolean | null = null;
    let target = '—';
    if (!name.startsWith('bare')) {
      const baseline = byName.get(`bare, ${name.split(',')[0]} bytes`);
      const ascii = byName.get(`bare, ${name.split(',')[0]} size`);
      asciiRatio = ascii ? roundRatio(r, ascii) : null;
      const wanted = name.endsWith('cache on') ? targets.cachedRatio : targets.uncachedRatio;
      ratio = baseline ? roundRatio(r, baseline) : null;
      target = `≥ ${wanted * 100} %, p99 < ${targets.p99Ms} ms`;
      met = ratio !== null && ratio >= wanted && r.p99Ms < targets.p99Ms && problems.length === 0;
    }
    verdicts.push({ scenario: name, ratio, asciiRatio, met, problems });
    rows.push([
      name,
      r.pageBytes.toLocaleString('en'),
      Math.round(r.reqPerSec).toLocaleString('en'),
      String(r.p50Ms),
      String(r.p99Ms),
      ratio === null ? '—' : `${(ratio * 100).toFixed(1)} %`,
      asciiRatio === null ? '—' : `${(asciiRatio * 100).toFixed(1)} %`,
      target,
      (met === null ? (problems.length ? 'FAILED' : '') : met ? 'met' : 'NOT met') + (problems.length ? ` (${problems.join('; ')})` : ''),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log('');
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 || c >= 7 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('\n"vs" columns: the median over rounds of the ratio within a round ("vs bare": to the bare server sending the same page). Each round\'s "vs bare":');
  for (const v of verdicts) {
    const r = byName.get(v.scenario);
    const baseline = byName.get(`bare, ${v.scenario.split(',')[0]} bytes`);
    if (v.ratio === null || !r || !baseline) continue;
    console.log(`  ${v.scenario.padEnd(18)} ${r.roundReqPerSec.map((rps, i) => `${((rps / baseline.roundReqPerSec[i]) * 100).toFixed(1)} %`).join(', ')}`);
  }
  const mb = (bytes: number) => bytes / 2 ** 20;
  console.log('');
  for (const cache of ['on', 'off'] as const) {
    const met = mb(rss[cache]) < targets.rssMb;
    console.log(`server peak RSS, cache ${cache.padEnd(3)}: ${mb(rss[cache]).toFixed(0).padStart(4)} MB   target < ${targets.rssMb} MB   ${met ? 'met' : 'NOT met'}`);
  }
  if (build.kind === 'src') console.log('(the server ran src/ through tsx, whose loader thread adds about 40–70 MB; the default BENCH_SERVER_BUILD=compile gives the figure users see)');
  console.log(`\npublished or edited article visible at once with the cache on: ${visible ? 'yes' : 'NO'}`);
  if (!visible) {
    failed = true;
    for (const [check, ok] of Object.entries(visibility)) if (!ok) console.log(`  failed: ${check}`);
  }
  const allMet = verdicts.every((v) => v.met !== false) && Object.values(rss).every((b) => mb(b) < targets.rssMb);
  const seconds = (performance.now() - started) / 1000;
  console.log(`targets: ${allMet ? 'all met' : 'NOT all met'}; whole run ${seconds.toFixed(0)} s; load average ${loadAverage()} at the end`);

  const out = join(root, 'bench/results/site.json');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: availableParallelism(),
        loadAverageAtEnd: loadavg(),
        settings: { connections, workers, rounds, warmupSeconds: warmup, durationSeconds: duration, server: build.note },
        seed: { articles: seed.articles, seconds: seed.seconds, articlePath: seed.articlePath, articleWords: seed.articleWords },
        targets,
        results: order.map((name) => ({ ...byName.get(name), ...verdicts.find((v) => v.scenario === name) })),
        peakRssBytes: rss,
        visibleAtOnce: { ok: visible, ...visibility },
        allTargetsMet: allMet,
        runSeconds: seconds,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`results written to ${relative(root, out)}`);
  if (profile) console.log(`CPU profiles in bench/results/profiles/ (open in Chrome DevTools → Performance)`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await Promise.all([...children].map((child) => child.stop().catch(() => child.process.kill('SIGKILL'))));
  if (process.env.BENCH_KEEP === '1') console.log(`database kept in ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
