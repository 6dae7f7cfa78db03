import { describe, expect, it } from 'vitest';
import { createRuleSpamChecker } from '../../src/comments/rule-spam-checker.js';
import type { SpamCheckInput } from '../../src/comments/spam-checker.js';

const ham: SpamCheckInput = {
  content: 'I think the council was right to delay the vote until the audit is published.',
  authorName: 'Ana Petrova',
  authorEmail: 'ana@example.com',
  ip: '203.0.113.7',
  secondsToSubmit: 95,
  honeypotFilled: false,
};

const checker = createRuleSpamChecker({
  blockedWords: ['cheap pills', 'casino'],
  blockedIps: ['198.51.100.0/24'],
  blockedEmailDomains: ['spam.test'],
});

describe('createRuleSpamChecker', () => {
  it('scores an ordinary comment 0 with no reasons', async () => {
    expect(await checker.check(ham)).toEqual({ score: 0, reasons: [] });
  });

  it('scores a filled honeypot exactly 1', async () => {
    const result = await checker.check({ ...ham, honeypotFilled: true });
    expect(result.score).toBe(1);
    expect(result.reasons).toEqual([expect.stringContaining('hidden form field')]);
  });

  it('scores a too-fast submission high, and one at the minimum not at all', async () => {
    const fast = await checker.check({ ...ham, secondsToSubmit: 1 });
    expect(fast.score).toBeGreaterThanOrEqual(0.9);
    expect(fast.reasons).toEqual(['Sent 1 second after the form was shown, faster than a person can write.']);
    expect((await checker.check({ ...ham, secondsToSubmit: 3 })).score).toBe(0);
    expect((await createRuleSpamChecker({ minSecondsToSubmit: 10 }).check({ ...ham, secondsToSubmit: 5 })).score).toBe(0.9);
  });

  it('scores more links higher, starting at two', async () => {
    const withLinks = (n: number) => checker.check({ ...ham, content: Array.from({ length: n }, (_, i) => `https://e${i}.example`).join(' ') });
    expect((await withLinks(1)).score).toBe(0);
    const two = await withLinks(2);
    const five = await withLinks(5);
    expect(two.reasons).toEqual(['Contains 2 links.']);
    expect(two.score).toBeGreaterThan(0);
    expect(five.score).toBeGreaterThan(two.score);
    expect((await withLinks(30)).score).toBeLessThanOrEqual(0.8);
  });

  it('flags a link in the name', async () => {
    const result = await checker.check({ ...ham, authorName: 'Best deals www.deals.example' });
    expect(result.reasons).toEqual(['The name contains a web address.']);
  });

  it('scores blocklisted words, IPs and email domains with the match named', async () => {
    const words = await checker.check({ ...ham, content: 'Buy CHEAP   pills at the Casino!' });
    expect(words.score).toBeGreaterThanOrEqual(0.9);
    expect(words.reasons).toEqual(['Contains blocked words: cheap pills, casino.']);
    expect((await checker.check({ ...ham, content: 'Casinos are not on the list.' })).score).toBe(0);
    expect(await checker.check({ ...ham, ip: '198.51.100.42' })).toEqual({ score: 0.95, reasons: ['Sent from a blocked IP address.'] });
    expect((await checker.check({ ...ham, authorEmail: 'x@mx.spam.test' })).reasons).toEqual([
      'The email address is on a blocked domain (spam.test).',
    ]);
  });

  it('notices shouting but not a short acronym', async () => {
    const shouting = await checker.check({ ...ham, content: 'THIS IS THE WORST ARTICLE I HAVE EVER READ' });
    expect(shouting.reasons).toEqual(['Written mostly in capital letters.']);
    expect((await checker.check({ ...ham, content: 'The NATO and EU summit in Sofia.' })).score).toBe(0);
  });

  it('notices a long run of one character', async () => {
    const result = await checker.check({ ...ham, content: 'Nooooooooooooo way' });
    expect(result.reasons).toEqual(['Repeats the character "o" 13 times in a row.']);
    expect((await checker.check({ ...ham, content: 'Nooo way!!!' })).score).toBe(0);
  });

  it('combines signals so two weak ones beat either, and never passes 1', async () => {
    const shouting = 'THIS IS THE WORST ARTICLE I HAVE EVER READ';
    const one = await checker.check({ ...ham, content: shouting });
    const two = await checker.check({ ...ham, content: `${shouting} AAAAAAAAAAAA` });
    expect(two.reasons).toHaveLength(2);
    expect(two.score).toBeGreaterThan(one.score);
    const everything = await checker.check({
      ...ham,
      content: 'CASINO CASINO https://a.example https://b.example https://c.example !!!!!!!!!!!!',
      ip: '198.51.100.1',
      authorEmail: 'a@spam.test',
      secondsToSubmit: 0,
    });
    expect(everything.score).toBeLessThanOrEqual(1);
    expect(everything.score).toBeGreaterThan(0.99);
    expect(everything.reasons.length).toBeGreaterThanOrEqual(6);
  });
});
