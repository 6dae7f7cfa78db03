import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of STYLE.md, checked on every run: a rule broken in a hurry fails CI
 * instead of becoming the new habit.
 */
const src = resolve(new URL('../src', import.meta.url).pathname);
const domains = ['accounts', 'audit', 'comments', 'content', 'ingest', 'spam'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = files(src).map((path) => ({ path: relative(src, path), text: readFileSync(path, 'utf8') }));

function relativeImports(file: { path: string; text: string }): string[] {
  return [...file.text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => relative(src, resolve(src, dirname(file.path), m[1])));
}

const top = (path: string) => path.split('/')[0];

describe('architecture', () => {
  it('keeps web and cli out of domains, db and shared', () => {
    const offenders = sources
      .filter((f) => [...domains, 'db', 'shared', 'config'].includes(top(f.path)))
      .flatMap((f) => relativeImports(f).filter((i) => ['web', 'cli'].includes(top(i))).map((i) => `${f.path} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('keeps domains out of db and shared', () => {
    const offenders = sources
      .filter((f) => ['db', 'shared'].includes(top(f.path)))
      .flatMap((f) => relativeImports(f).filter((i) => domains.includes(top(i))).map((i) => `${f.path} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('reaches another domain only through its index', () => {
    const offenders = sources.flatMap((f) =>
      relativeImports(f)
        .filter((i) => domains.includes(top(i)) && top(i) !== top(f.path) && !/^[a-z]+\/index\.js$/.test(i))
        .map((i) => `${f.path} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('writes raw SQL only in db/ and repositories', () => {
    const offenders = sources
      .filter((f) => /import\s*\{[^}]*\bsql\b[^}]*\}\s*from\s*'kysely'/.test(f.text))
      .map((f) => f.path)
      .filter((p) => top(p) !== 'db' && !p.endsWith('-repository.ts'));
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in config/', () => {
    const offenders = sources.filter((f) => top(f.path) !== 'config' && /process\.env\b/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
