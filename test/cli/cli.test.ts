import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { binPath, freePort, runCli, startCli, tempDatabaseUrl } from '../helpers/run-cli.js';
import { sharedData } from '../helpers/shared-data.js';

describe('broadsheet CLI', () => {
  it('serve: first start migrates, seeds and prints a one-time login; later starts seed nothing', async () => {
    const databaseUrl = tempDatabaseUrl();
    const port = await freePort();
    const env = { BROADSHEET_DATABASE_URL: databaseUrl };
    const first = await startCli(['serve', '--port', String(port), '--host', '127.0.0.1'], env, 'sign in:');
    expect(first.stdout()).toContain(`Broadsheet is serving http://localhost:${port}/`);
    expect(first.stdout()).toMatch(/email: +admin@example\.com\n +password: +\S{20}\n/);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Welcome to Broadsheet');
    const article = await (await fetch(`http://127.0.0.1:${port}/world/welcome-to-broadsheet`)).text();
    expect(article).toContain('According to BGNES');
    // The owner's welcome comment, approved, with the Staff badge.
    expect(article).toContain('Hi, this is a comment from the newsroom.');
    expect(article).toMatch(/Site Owner[\s\S]{0,400}Staff/);
    first.child.kill('SIGTERM');
    expect(await first.stopped).toBe(0);

    const second = await startCli(['serve', '--port', String(port), '--host', '127.0.0.1'], env, 'Broadsheet is serving');
    await new Promise((r) => setTimeout(r, 200));
    expect(second.stdout()).not.toContain('First start');
    const api = (await (await fetch(`http://127.0.0.1:${port}/api/v1/articles`)).json()) as { articles: unknown[] };
    expect(api.articles).toHaveLength(1);
    second.child.kill('SIGTERM');
    await second.stopped;
  });

  it('serve: a port in use is one clear line and exit code 1', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    const result = await runCli(['serve', '--port', String(port), '--host', '127.0.0.1'], { env: { BROADSHEET_DATABASE_URL: tempDatabaseUrl() } });
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`broadsheet: Port ${port} is already in use on 127.0.0.1; choose another with --port or BROADSHEET_PORT`);
  });

  it('a bad database URL or an unreadable config file is one clear line and exit code 1', async () => {
    const bad = await runCli(['serve'], { env: { BROADSHEET_DATABASE_URL: 'mysql://localhost/x' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('broadsheet: Invalid setting BROADSHEET_DATABASE_URL: must start with sqlite: or postgres://');
    const unreachable = await runCli(['migrate'], { env: { BROADSHEET_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim()).toMatch(/^broadsheet: Cannot connect to PostgreSQL at 127\.0\.0\.1:1: /);
    const config = await runCli(['serve'], { env: { BROADSHEET_CONFIG: '/nonexistent/broadsheet.json' } });
    expect(config.code).toBe(1);
    expect(config.stderr.trim().split('\n')).toHaveLength(1);
    expect(config.stderr).toContain('Cannot read config file /nonexistent/broadsheet.json');
  });

  it('migrate applies migrations once', async () => {
    const env = { BROADSHEET_DATABASE_URL: tempDatabaseUrl() };
    const first = await runCli(['migrate'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('applied 0001-create-content-tables');
    const second = await runCli(['migrate'], { env });
    expect(second.stdout.trim()).toBe('database is up to date');
  });

  it('user add prints a generated password, takes one on stdin, and refuses duplicates and bad roles', async () => {
    const env = { BROADSHEET_DATABASE_URL: tempDatabaseUrl() };
    const generated = await runCli(['user', 'add', '--email', 'Ed@Example.com', '--role', 'editor', '--name', 'Ed Itor'], { env });
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/^added editor ed@example\.com \(id \d+\)\npassword: \S{20}\n$/);
    const piped = await runCli(['user', 'add', '--email', 'mod@example.com', '--role', 'moderator', '--password-stdin'], { env, input: 'a long enough secret\n' });
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain('password:');
    const duplicate = await runCli(['user', 'add', '--email', 'ed@example.com', '--role', 'author'], { env });
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr.trim()).toBe('broadsheet: A user with email ed@example.com already exists');
    const role = await runCli(['user', 'add', '--email', 'x@example.com', '--role', 'king'], { env });
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('role must be one of owner, admin, editor, author, moderator');
    const short = await runCli(['user', 'add', '--email', 'y@example.com', '--role', 'author', '--password-stdin'], { env, input: 'short' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password must be at least 10 characters');
  });

  it('user reset-password prints a one-time link alone on stdout, and names an unknown email', async () => {
    const env = { BROADSHEET_DATABASE_URL: tempDatabaseUrl(), BROADSHEET_BASE_URL: 'https://news.example' };
    await runCli(['user', 'add', '--email', 'ed@example.com', '--role', 'editor'], { env });
    const reset = await runCli(['user', 'reset-password', '--email', 'ED@example.com'], { env });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^https:\/\/news\.example\/admin\/reset\/[A-Za-z0-9_-]{43}\n$/);
    expect(reset.stderr).toContain('valid for 1 hour and usable once');
    const unknown = await runCli(['user', 'reset-password', '--email', 'nobody@example.com'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('broadsheet: There is no user with email nobody@example.com.');
  });

  it('spam eval reports on a held-out file as JSON, and names the file and line of bad input', async () => {
    const data = sharedData('spam/youtube/');
    const ok = await runCli(['spam', 'eval', '--train', `${data}Youtube01-Psy.csv,${data}Youtube02-KatyPerry.csv`, '--test', `${data}Youtube03-LMFAO.csv`, '--json']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(Object.keys(report).sort()).toEqual(['accuracy', 'atFpr1', 'auc', 'confusion', 'f1', 'fpr', 'precision', 'recall']);
    const { tp, fp, tn, fn } = report.confusion;
    expect([tp + fp + tn + fn, tp + fn]).toEqual([438, 236]);
    expect(report.auc).toBeGreaterThan(0.95);
    const bad = await runCli(['spam', 'eval', '--train', binPath, '--test', `${data}Youtube03-LMFAO.csv`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(new RegExp(`^broadsheet: ${binPath}:1: unknown format`));
  });

  it('exits 2 on an unknown command or a missing option', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const missing = await runCli(['user', 'add', '--role', 'editor']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--email <email>' not specified");
  });
});
