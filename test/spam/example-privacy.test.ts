import { describe, expect, it } from 'vitest';
import { anonymised, exampleKey, withoutContext } from '../../src/spam/example-privacy.js';
import { extractFeatures, type SpamInput } from '../../src/spam/features.js';

const full: SpamInput = {
  content: 'Great article',
  authorName: 'Jane',
  authorEmail: 'Jane.Doe@Example.com',
  authorUrl: 'https://jane.example/',
  ip: '203.0.113.7',
  userAgent: 'Firefox/140',
  referrer: 'https://news.test/',
  permalink: 'https://news.test/world/story',
};

describe('what a spam example keeps of its author', () => {
  it('files an example under a keyed hash of the trimmed, lower-cased address, never under a bare domain', () => {
    const key = exampleKey('secret-one-0123456789', ' Jane.Doe@Example.com ');
    expect(key).toBe(exampleKey('secret-one-0123456789', 'jane.doe@example.com'));
    expect(key).not.toContain('jane');
    expect(key).not.toBe(exampleKey('secret-two-0123456789', 'jane.doe@example.com'));
    expect(key).not.toBe(exampleKey('secret-one-0123456789', 'john@example.com'));
    expect(exampleKey('secret-one-0123456789', '@example.com')).toBeNull();
    expect(exampleKey('secret-one-0123456789', '  ')).toBeNull();
    expect(exampleKey('secret-one-0123456789', undefined)).toBeNull();
  });

  it('after the retention days drops IP, user agent, referrer and the local part, keeping the e-mail domain feature', () => {
    const erased = withoutContext(full);
    expect(erased).toEqual({ content: 'Great article', authorName: 'Jane', authorEmail: '@Example.com', authorUrl: 'https://jane.example/', permalink: 'https://news.test/world/story' });
    expect(withoutContext(erased)).toEqual(erased);
    // The features read only the domain, so the erased address scores exactly like the full one.
    const emailOnly = (authorEmail?: string) => extractFeatures({ content: 'x', authorEmail });
    expect(emailOnly(erased.authorEmail)).toEqual(emailOnly(full.authorEmail));
    expect(emailOnly(erased.authorEmail)).not.toEqual(emailOnly(undefined));
  });

  it('on an erase request keeps the text and nothing of the author but "Anonymous"', () => {
    expect(anonymised(full)).toEqual({ content: 'Great article', authorName: 'Anonymous', permalink: 'https://news.test/world/story' });
  });
});
