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

/**
 * Which domain owns each table: only its repositories name it (STYLE.md rule 4). A table added
 * to db/schema.ts fails the first check below until it is given an owner here.
 */
const tableOwners: Record<string, string> = {
  app_user: 'accounts',
  user_session: 'accounts',
  login_failure: 'accounts',
  user_token: 'accounts',
  audit_log: 'audit',
  comment: 'comments',
  site_setting: 'content',
  section: 'content',
  source: 'content',
  article: 'content',
  tag: 'content',
  article_tag: 'content',
  article_attribution: 'content',
  article_revision: 'content',
  source_poll_state: 'ingest',
  ingest_poll: 'ingest',
  ingest_item: 'ingest',
  spam_model: 'spam',
  spam_example: 'spam',
  akismet_key: 'spam',
  akismet_key_day: 'spam',
};

interface Crossing {
  file: string;
  /** The builder naming the table, so a new kind of use in an allowed file still fails. */
  call: string;
  table: string;
}

/** Crossings accepted for now, each with why; anything else naming another domain's table fails. */
const allowedCrossings: (Crossing & { reason: string })[] = [
  { file: 'content/article-repository.ts', call: 'leftJoin', table: 'app_user', reason: "read model: an article's author byline (public name and slug) in the article query" },
  { file: 'content/article-revisions-repository.ts', call: 'leftJoin', table: 'app_user', reason: "read model: the public name of a revision's actor in the history list" },
  { file: 'content/article-repository.ts', call: 'selectFrom', table: 'app_user', reason: 'authorExists checks a chosen author exists; asking accounts instead needs a lookup passed into createContentServices' },
];

const schemaTables = [...(readFileSync(join(src, 'db/schema.ts'), 'utf8').match(/export interface Database \{([^}]*)\}/)?.[1] ?? '').matchAll(/^\s*(\w+):/gm)].map((m) => m[1]);

/** Tables a file names in Kysely's builders (`'comment as p'` counts as `comment`). */
function tablesNamed(text: string): { call: string; table: string }[] {
  return [...text.matchAll(/\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'(\w+)/g)].map((m) => ({ call: m[1], table: m[2] }));
}

const crossings: Crossing[] = sources.flatMap((f) =>
  domains.includes(top(f.path)) ? tablesNamed(f.text).filter((n) => tableOwners[n.table] !== top(f.path)).map((n) => ({ file: f.path, ...n })) : [],
);
const same = (a: Crossing, b: Crossing) => a.file === b.file && a.call === b.call && a.table === b.table;
const describeCrossing = (c: Crossing) => `${c.file}: ${c.call}('${c.table}') (owned by ${tableOwners[c.table] ?? 'no domain'})`;

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

  it('gives every table in db/schema.ts an owning domain', () => {
    expect(schemaTables.length).toBeGreaterThan(0);
    expect(schemaTables.filter((t) => !domains.includes(tableOwners[t]))).toEqual([]);
    expect(Object.keys(tableOwners).filter((t) => !schemaTables.includes(t))).toEqual([]);
  });

  it("names in a domain's SQL only the tables that domain owns", () => {
    expect(crossings.filter((c) => !allowedCrossings.some((a) => same(a, c))).map(describeCrossing)).toEqual([]);
  });

  it('keeps the allow-list of table crossings current', () => {
    expect(allowedCrossings.filter((a) => !crossings.some((c) => same(a, c))).map(describeCrossing)).toEqual([]);
  });

  it('names tables only in domains and db/', () => {
    const offenders = sources.filter((f) => !domains.includes(top(f.path)) && top(f.path) !== 'db' && tablesNamed(f.text).length > 0).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in config/', () => {
    const offenders = sources.filter((f) => top(f.path) !== 'config' && /process\.env\b/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
