import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempDatabaseUrl } from '../helpers/run-cli.js';
import { sharedData } from '../helpers/shared-data.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/spam/${name}`, import.meta.url));
const psy = sharedData('spam/youtube/Youtube01-Psy.csv');

describe('broadsheet spam train and check', () => {
  it('check scores with the shipped model on a new site, train makes a site model, check then uses it', async () => {
    const env = { BROADSHEET_DATABASE_URL: tempDatabaseUrl() };
    const before = await runCli(['spam', 'check', 'Check out my channel and subscribe http://bit.ly/x', '--author-name', 'BEST DEALS'], { env });
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^score {4}\d\.\d{3}\nverdict {2}spam \(ham below 0\.30, spam at 0\.90 or above\)\nmodel {4}the shipped default model/);
    expect(before.stdout).toMatch(/reasons\n {2}- .+/);

    const trained = await runCli(['spam', 'train', psy], { env });
    expect(trained.code).toBe(0);
    expect(trained.stderr).toContain('Youtube01-Psy.csv: 350 examples');
    expect(trained.stderr).toContain('training on 350 stored examples');
    expect(trained.stdout).toMatch(/^trained the site's spam model \(version 1\) on 350 examples \(175 spam, 175 ham\) in [\d.]+ s; spam threshold 0\.\d{3}\n$/);

    const after = await runCli(['spam', 'check', 'I love this song, it brings back memories', '--low', '0.2', '--high', '0.95'], { env });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("model    the site's model, version 1");
    expect(after.stdout).toContain('(ham below 0.20, spam at 0.95 or above)');
  });

  it('errors name the file and line, store nothing and exit 1', async () => {
    const env = { BROADSHEET_DATABASE_URL: tempDatabaseUrl() };
    const bad = await runCli(['spam', 'train', fixture('sms-small.tsv'), fixture('sms-bad-label.tsv')], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n').at(-1)).toBe(`broadsheet: ${fixture('sms-bad-label.tsv')}:3: expected "ham" or "spam", a tab, then the text`);
    expect(bad.stdout).toBe('');
    const unknown = await runCli(['spam', 'train', fixture('unknown.txt')], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown\.txt:1: unknown format/);
    const missing = await runCli(['spam', 'train', '/nonexistent/file.csv'], { env });
    expect(missing.stderr.trim()).toBe('broadsheet: /nonexistent/file.csv: cannot read the file');
    const check = await runCli(['spam', 'check', 'hello', '--high', '2'], { env });
    expect(check.code).toBe(1);
    expect(check.stderr.trim()).toBe('broadsheet: --high must be a number from 0 to 1 (got "2")');
    const check2 = await runCli(['spam', 'check', 'hello'], { env });
    expect(check2.stdout).toContain('the shipped default model');
  });
});

describe('broadsheet akismet key', () => {
  it('add prints the key alone; list shows it; revoke revokes it once', async () => {
    const env = { BROADSHEET_DATABASE_URL: tempDatabaseUrl() };
    const added = await runCli(['akismet', 'key', 'add', '--site', 'https://blog.example', '--rate-limit', '30'], { env });
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^[a-z0-9]{12}\n$/);
    const key = added.stdout.trim();

    const listed = await runCli(['akismet', 'key', 'list'], { env });
    expect(listed.code).toBe(0);
    const [header, row] = listed.stdout.trim().split('\n');
    expect(header).toMatch(/^key +site +per minute +created +status +checks +spam +ham +missed spam +false positives$/);
    expect(row).toMatch(new RegExp(`^${key.slice(0, 4)}… +https://blog\\.example/ +30 +\\d{4}-\\d{2}-\\d{2} +active +0 +0 +0 +0 +0$`));
    expect(listed.stdout).not.toContain(key);

    const revoked = await runCli(['akismet', 'key', 'revoke', key], { env });
    expect([revoked.code, revoked.stdout]).toEqual([0, `revoked ${key}\n`]);
    const again = await runCli(['akismet', 'key', 'revoke', key], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already revoked/);
    expect((await runCli(['akismet', 'key', 'list'], { env })).stdout).toMatch(/revoked \d{4}-\d{2}-\d{2}/);
  });

  it('refuses a bad site, a bad limit and an unknown key with one line and exit 1; a missing --site is a usage error', async () => {
    const env = { BROADSHEET_DATABASE_URL: tempDatabaseUrl() };
    const site = await runCli(['akismet', 'key', 'add', '--site', 'not a url'], { env });
    expect([site.code, site.stderr.trim()]).toEqual([1, 'broadsheet: --site must be an http(s) address, got "not a url"']);
    const limit = await runCli(['akismet', 'key', 'add', '--site', 'https://blog.example', '--rate-limit', '0'], { env });
    expect(limit.code).toBe(1);
    const unknown = await runCli(['akismet', 'key', 'revoke', 'abcdefabcdef'], { env });
    expect([unknown.code, unknown.stderr.trim()]).toEqual([1, 'broadsheet: no Akismet key abcdefabcdef']);
    expect((await runCli(['akismet', 'key', 'add'], { env })).code).toBe(2);
    expect((await runCli(['akismet', 'key', 'list'], { env })).stdout).toMatch(/^no keys/);
  });
});
