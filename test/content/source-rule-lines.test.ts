import { describe, expect, it } from 'vitest';
import { formatSourceRuleLines, parseSourceRuleLines } from '../../src/content/index.js';

const sections = new Map([
  ['sport', 1],
  ['world/europe', 2],
]);
const idAt = (path: string) => sections.get(path);

describe('source rule lines', () => {
  it('reads one rule a line, skipping blank lines, with section paths', () => {
    const rules = parseSourceRuleLines('category: Sport -> sport\r\n\n  Keyword:  EU summit  ->  /world/europe/ \n', idAt);
    expect(rules).toEqual([
      { field: 'category', value: 'Sport', sectionId: 1 },
      { field: 'keyword', value: 'EU summit', sectionId: 2 },
    ]);
    expect(formatSourceRuleLines(rules, (id) => [...sections].find(([, v]) => v === id)?.[0])).toBe('category: Sport -> sport\nkeyword: EU summit -> world/europe');
  });

  it('names the line at fault', () => {
    expect(() => parseSourceRuleLines('category: Sport -> sport\nSport = sport', idAt)).toThrow(/^Line 2: write/);
    expect(() => parseSourceRuleLines('keyword: vote -> politics', idAt)).toThrow(/Line 1: there is no section at "politics"/);
    expect(() => parseSourceRuleLines('nonsense', idAt)).toThrow(expect.objectContaining({ kind: 'invalid', details: { field: 'rules' } }));
  });
});
