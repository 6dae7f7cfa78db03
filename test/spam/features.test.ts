import { describe, expect, it } from 'vitest';
import { extractFeatures, FEATURE_GROUPS } from '../../src/spam/features.js';

const noisy = {
  content: `${'BUY NOW!!! cheap v1agra at http://bit.ly/zz '.repeat(50)} call 08452810075 £100 💰 ${'x'.repeat(5000)}`,
  authorName: 'http://spam.example.com',
  authorEmail: 'a@mailinator.com',
  authorUrl: 'https://spam.example.com/page',
  ip: '203.0.113.9',
  userAgent: 'curl/8.0',
  referrer: '',
  permalink: 'https://news.example.org/world/story',
  commentType: 'trackback',
  secondsToSubmit: 1,
  honeypotFilled: true,
  extra: { lang: 'en' },
};

describe('extractFeatures', () => {
  it.each([8, 12, 16, 20, 24])('keeps every index inside 2^%i slots', (bits) => {
    const x = extractFeatures(noisy, { bits, groups: FEATURE_GROUPS });
    expect(x.indices.length).toBeGreaterThan(50);
    for (const i of x.indices) {
      expect(Number.isInteger(i)).toBe(true);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(2 ** bits);
    }
    expect(x.values.length).toBe(x.indices.length);
    expect(x.reasons.length).toBe(x.indices.length);
  });

  it('bounds the vector size however long the comment is', () => {
    const x = extractFeatures({ content: 'word '.repeat(100_000) + Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ') });
    expect(x.indices.length).toBeLessThan(5000);
  });

  it('is deterministic and names human reasons', () => {
    const a = extractFeatures(noisy);
    expect(extractFeatures(noisy)).toEqual(a);
    for (const reason of ['link to bit.ly', 'link shortener bit.ly', 'long number', 'money amount', 'a link as the author name', 'e-mail at mailinator.com', 'hidden field filled in', 'scripted client', 'comment type trackback']) {
      expect(a.reasons).toContain(reason);
    }
  });

  it('notices shouting and repetition', () => {
    const reasons = extractFeatures({ content: 'SUBSCRIBE TO MY CHANNEL SUBSCRIBE SUBSCRIBE SUBSCRIBE SUBSCRIBE SUBSCRIBE SUBSCRIBE SUBSCRIBE NOW' }).reasons;
    expect(reasons).toContain('shouting');
    expect(reasons).toContain('repetition');
    expect(extractFeatures({ content: 'A calm remark about the council budget.' }).reasons).not.toContain('shouting');
  });

  it('names how a comment opens', () => {
    const reasons = extractFeatures({ content: 'Check out my new video' }).reasons;
    expect(reasons).toContain('starts with "check"');
    expect(reasons).toContain('starts with "check out"');
    expect(extractFeatures({ content: 'Hi' }).reasons.filter((r) => r.startsWith('starts with'))).toEqual(['starts with "hi"']);
  });

  it('counts each character n-gram once, whatever came before', () => {
    const chars = { bits: 20, groups: ['chars'] as const };
    const first = extractFeatures({ content: 'subscribe to my channel' }, chars);
    // Thousands of distinct n-grams in between outgrow the set that deduplicates them.
    extractFeatures({ content: Array.from({ length: 400 }, (_, i) => `word${i}x${i * 7}`).join(' ') }, chars);
    expect(extractFeatures({ content: 'subscribe to my channel' }, chars)).toEqual(first);
    expect(extractFeatures({ content: 'subscribe subscribe to my channel channel' }, chars).indices).toEqual(first.indices);
  });

  it('extracts only the groups asked for', () => {
    const x = extractFeatures(noisy, { bits: 20, groups: ['links'] });
    expect(x.reasons.every((r) => r.includes('link') || r.includes('e-mail') || r.endsWith('links'))).toBe(true);
    expect(extractFeatures({ content: '' }, { bits: 20, groups: ['words', 'bigrams', 'chars'] }).indices).toHaveLength(0);
  });

  it.each([
    ['Like this comment if you are watching in 2015', true],
    ['l1ke th1s c0mment for no reason', true],
    ['please thumbs this up so more people see it', true],
    ['give it a like', true],
    ['upvote my comment pls', true],
    ['😼👍😏 Like This Comment 😏👍😼', true],
    ['SUB 4 SUB PLEASE LIKE THIS COMMENT', true],
    ['Great video. l i k e this comment', true],
    ['Thank u. L I K E this comment', true],
    ["Great song. PLEASE DON'T LIKE THIS COMMENT IF YOU ARE WATCHING IN 2015!!!", true],
    ['I like this comment, well said', false],
    ["I don't like this comment", false],
    ['Why do people like this comment?', false],
    ['Would you like this comment section to be moderated?', false],
    ['Looks like this comment section is full of bots again', false],
    ['Like I said in my comment yesterday, the council voted no', false],
    ['Just like my comment above said, the figures are wrong', false],
    ['I really like this comment', false],
    ['I like this song', false],
    ['Thumbs up for the reporting', false],
  ])('"%s" asks for likes: %s', (content, asks) => {
    expect(extractFeatures({ content }).reasons.includes('asks for likes')).toBe(asks);
  });

  it('gives openings to the next five sentences only, a line break ending one too', () => {
    const content = ['One a', 'Two b', 'Three c', 'Four d', 'Five e', 'Six f', 'Seven g'].join('. ');
    const oneWord = extractFeatures({ content }).reasons.filter((r) => /^a sentence starts with "\w+"$/.test(r));
    expect(oneWord).toEqual(['two', 'three', 'four', 'five', 'six'].map((w) => `a sentence starts with "${w}"`));
    expect(extractFeatures({ content: 'Nice song\nCheck out my channel' }).reasons).toContain('a sentence starts with "check out"');
  });

  it("gives later sentences' openings features of their own", () => {
    const x = extractFeatures({ content: 'Nice song! Check out my channel. Check out my channel.' });
    expect(x.reasons).toContain('starts with "nice song"');
    expect(x.reasons.filter((r) => r === 'a sentence starts with "check out"')).toHaveLength(1);
    const alone = extractFeatures({ content: 'Check out my channel' });
    const later = new Set(x.indices.filter((_, i) => x.reasons[i].startsWith('a sentence starts with')));
    expect(alone.indices.some((i) => later.has(i))).toBe(false);
    const leet = extractFeatures({ content: 'Ch3ck this. Nice' }).reasons;
    expect(leet).toEqual(expect.arrayContaining(['starts with "ch3ck"', 'a sentence starts with "nice"']));
    expect(leet.filter((r) => r.startsWith('a sentence starts with "ch'))).toEqual([]);
    for (const content of ['It costs 3.5 million', 'Buy v!agra now', '2:19 best part', ':D nice'])
      expect(extractFeatures({ content }).reasons.filter((r) => r.startsWith('a sentence'))).toEqual([]);
  });

  it('shows a long number in a phrase as "(number)", not as its internal length class', () => {
    const reasons = extractFeatures({ content: 'call 07700900123 now. 07700900123 today' }).reasons;
    expect(reasons).toEqual(expect.arrayContaining(['long number', 'phrase "call (number)"', 'starts with "call (number)"', 'a sentence starts with "(number) today"']));
    expect(reasons.filter((r) => r.includes('<num'))).toEqual([]);
  });

  it("does not count a link to the comment's own site as a link", () => {
    const content = 'See your earlier report: https://www.news.example.org/world/vote-count and m.news.example.org/x';
    const here = extractFeatures({ content, permalink: 'https://news.example.org/world/today' }).reasons;
    expect(here).toContain('link to this site');
    expect(here.filter((r) => /link/.test(r) && r !== 'link to this site')).toEqual([]);
    const elsewhere = extractFeatures({ content, permalink: 'https://other.example.com/story' }).reasons;
    expect(elsewhere).toEqual(expect.arrayContaining(['2 links', 'link to news.example.org']));
    expect(elsewhere).not.toContain('link to this site');
    const mixed = extractFeatures({ content: `${content} http://bit.ly/x`, permalink: 'https://news.example.org/' }).reasons;
    expect(mixed).toEqual(expect.arrayContaining(['link to this site', 'a link', 'link shortener bit.ly']));
    // A site on a subdomain does not vouch for its parent domain's other tenants.
    const parent = extractFeatures({ content: 'https://medium.com/@pillshop/buy-cheap', permalink: 'https://news.medium.com/p' }).reasons;
    expect(parent).toEqual(expect.arrayContaining(['a link', 'link to medium.com']));
    expect(parent).not.toContain('link to this site');
  });
});
