import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggestTags, tagKey } from '../../src/ingest/tagging.js';

// Both texts were written for these tests; the first line of each file is the title.
function story(name: string): [string, string] {
  const [title, ...body] = readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8').split('\n');
  return [title, body.join('\n')];
}

describe('suggestTags (entities)', () => {
  const [title, body] = story('us-russia-report.txt');

  it('names the people, places and organisations of the US–Russia report', async () => {
    const tags = await suggestTags(title, body);
    expect(tags).toEqual(expect.arrayContaining(['Trump', 'Putin', 'Russia', 'Ukraine', 'WSJ', 'NATO']));
    expect(tags.length).toBeLessThanOrEqual(8);
    expect(tags.slice(0, 3)).toEqual(expect.arrayContaining(['Trump', 'WSJ']));
    for (const word of ['wont', "won't", 'change', 'much', 'election', 'relations', "Trump's", 'Wednesday']) {
      expect(tags.map(tagKey)).not.toContain(tagKey(word));
    }
  });

  it('reuses existing tags in their own spelling, including full names for surnames', async () => {
    const tags = await suggestTags(title, body, { existing: ['Nato', 'Vladimir Putin', 'ukraine'] });
    expect(tags).toEqual(expect.arrayContaining(['Nato', 'Vladimir Putin', 'ukraine']));
    expect(tags).not.toContain('NATO');
    expect(tags).not.toContain('Putin');
  });

  it('honours max', async () => {
    expect(await suggestTags(title, body, { max: 3 })).toHaveLength(3);
  });

  it('works on an unrelated football report', async () => {
    const [sportTitle, sportBody] = story('football-report.txt');
    const tags = await suggestTags(sportTitle, sportBody);
    expect(tags).toEqual(expect.arrayContaining(['Salah', 'Liverpool', 'Arsenal', 'Brighton', 'Premier League']));
    for (const word of ['Late', 'penalty', 'keeps', 'top', 'Saturday']) expect(tags.map(tagKey)).not.toContain(tagKey(word));
  });

  it('returns nothing for text without names', async () => {
    expect(await suggestTags('it was a quiet day', 'nothing much happened and the weather was fine.')).toEqual([]);
  });
});

describe('suggestTags (title-words)', () => {
  it('reproduces the naive style: every title word, punctuation removed', async () => {
    const [title, body] = story('us-russia-report.txt');
    expect(await suggestTags(title, body, { style: 'title-words' })).toEqual(['WSJ', 'Trumps', 'election', 'wont', 'change', 'USRussia', 'relations', 'much']);
  });
});
