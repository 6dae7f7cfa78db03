import { describe, expect, it } from 'vitest';
import { findBlockedEmailDomain, findBlockedIp, findBlockedTerms, isValidIpEntry } from '../../src/comments/blocklist.js';

describe('findBlockedTerms', () => {
  it('matches whole words and phrases, ignoring case, width and spacing', () => {
    expect(findBlockedTerms('Visit our CASINO for ｆｒｅｅ\n  money', ['casino', 'free money', 'poker'])).toEqual(['casino', 'free money']);
  });

  it('does not match inside words or empty entries', () => {
    expect(findBlockedTerms('a classic assessment', ['ass', '  ', ''])).toEqual([]);
  });

  it('treats regex characters in entries literally', () => {
    expect(findBlockedTerms('win $$$ now', ['$$$'])).toEqual(['$$$']);
    expect(findBlockedTerms('abc', ['a.c', '.*'])).toEqual([]);
  });
});

describe('findBlockedIp', () => {
  it('matches addresses and CIDR ranges, IPv4 and IPv6, including IPv4-mapped addresses', () => {
    const list = ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32'];
    expect(findBlockedIp('203.0.113.7', list)).toBe('203.0.113.7');
    expect(findBlockedIp('::ffff:198.51.100.99', list)).toBe('198.51.100.0/24');
    expect(findBlockedIp('2001:db8:1::5', list)).toBe('2001:db8::/32');
    expect(findBlockedIp('203.0.113.8', list)).toBeNull();
    expect(findBlockedIp('not an ip', list)).toBeNull();
  });

  it('ignores invalid entries, which isValidIpEntry reports', () => {
    expect(findBlockedIp('10.0.0.1', ['10.0.0.0/33', 'ten', '10.0.0.1/8/2'])).toBeNull();
    expect(['10.0.0.0/8', '::1', '10.0.0.0/33', 'ten', '10.0.0.0/x'].map(isValidIpEntry)).toEqual([true, true, false, false, false]);
  });
});

describe('findBlockedEmailDomain', () => {
  it('matches a domain and its subdomains, not lookalikes', () => {
    const list = ['Spam.Test', '@mailinator.com'];
    expect(findBlockedEmailDomain('a@SPAM.test', list)).toBe('Spam.Test');
    expect(findBlockedEmailDomain('a@mx.spam.test', list)).toBe('Spam.Test');
    expect(findBlockedEmailDomain('a@mailinator.com', list)).toBe('@mailinator.com');
    expect(findBlockedEmailDomain('a@notspam.test', list)).toBeNull();
    expect(findBlockedEmailDomain('no-at-sign', list)).toBeNull();
  });
});
