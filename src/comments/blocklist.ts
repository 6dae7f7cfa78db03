import { BlockList, isIP } from 'node:net';

/**
 * Matching for moderator-kept blocklists, shared by the rule spam checker and the moderation
 * blocklist phases so an entry means the same thing in both.
 */

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Blocked words and phrases found in `text`, as written in the list. Matching ignores case and
 * Unicode compatibility forms (ｖｉａｇｒａ), needs whole words ("ass" does not match "class"),
 * and lets a phrase's spaces match any run of whitespace. Obfuscations like "v1agra" are the
 * classifier's job, not this list's.
 */
export function findBlockedTerms(text: string, terms: readonly string[]): string[] {
  const folded = fold(text);
  const hits: string[] = [];
  for (const term of terms) {
    const words = fold(term).trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${words.map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}_])`, 'u');
    if (pattern.test(folded)) hits.push(term.trim());
  }
  return hits;
}

// Browsers behind dual-stack proxies arrive as ::ffff:1.2.3.4; lists are written as 1.2.3.4.
function plainIp(ip: string): string {
  const trimmed = ip.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

function parseIpEntry(entry: string): { address: string; prefix?: number; family: 'ipv4' | 'ipv6' } | null {
  const [address, prefixText, ...rest] = plainIp(entry).split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, family };
  const prefix = Number(prefixText);
  if (!/^\d+$/.test(prefixText) || prefix > (version === 4 ? 32 : 128)) return null;
  return { address, prefix, family };
}

/** True for an address (`203.0.113.7`, `2001:db8::1`) or CIDR range (`203.0.113.0/24`). */
export function isValidIpEntry(entry: string): boolean {
  return parseIpEntry(entry) !== null;
}

/** The first list entry covering `ip`, or null. Invalid entries never match; validate lists with `isValidIpEntry`. */
export function findBlockedIp(ip: string, entries: readonly string[]): string | null {
  const address = plainIp(ip);
  const version = isIP(address);
  if (version === 0) return null;
  for (const entry of entries) {
    const parsed = parseIpEntry(entry);
    if (!parsed) continue;
    const list = new BlockList();
    if (parsed.prefix === undefined) list.addAddress(parsed.address, parsed.family);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    if (list.check(address, version === 4 ? 'ipv4' : 'ipv6')) return entry.trim();
  }
  return null;
}

/** The first listed domain that is the email's domain or a parent of it (`spam.test` covers `a@mx.spam.test`), or null. */
export function findBlockedEmailDomain(email: string, domains: readonly string[]): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  for (const entry of domains) {
    const listed = entry.trim().toLowerCase().replace(/^[@.]+/, '').replace(/\.$/, '');
    if (listed !== '' && (domain === listed || domain.endsWith(`.${listed}`))) return entry.trim();
  }
  return null;
}
