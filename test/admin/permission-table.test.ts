import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoles, permissions } from '../../src/shared/permissions.js';

/** The README's role table, as the permission table says it must read. */
function expectedTable(): string {
  const head = `| What | ${allRoles.join(' | ')} |`;
  const rule = `|---|${allRoles.map(() => ':-:').join('|')}|`;
  const rows = Object.entries(permissions).map(
    ([key, p]) => `| ${p.label} (\`${key}\`) | ${allRoles.map((role) => ((p.roles as readonly string[]).includes(role) ? '✓' : '—')).join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n');
}

describe('the README role table', () => {
  it('is the permission table the services enforce', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = /<!-- roles:start -->\n([\s\S]*?)\n<!-- roles:end -->/.exec(readme)?.[1];
    expect(table).toBe(expectedTable());
  });
});
