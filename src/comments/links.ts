/**
 * Finds the web addresses in a Commenter's plain text. The renderer, the rule spam checker and
 * the link-limit phase all count links through this one function, so "3 links" means the same
 * thing to the reader, the spam score and the moderator.
 */
export interface FoundLink {
  /** Offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** The text as written, e.g. `www.example.com/a`. */
  text: string;
  /** Normalised absolute http(s) URL, safe to put in an `href` once attribute-escaped. */
  href: string;
}

// Must not start inside a word, an email address or another URL: `awww.x`, `me@www.x`, `xhttp://`.
const CANDIDATE = /(?<![\p{L}\p{N}_@./:-])(?:https?:\/\/|www\.)[^\s<>"`\p{Cc}]+/giu;

const TRAILING_PUNCTUATION = new Set([...'.,:;!?\'"*_~…“”‘’»«']);
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** Drops punctuation that ends the sentence rather than the URL; keeps balanced `)` as in Wikipedia links. */
function trimTrailing(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1) ?? '';
    const opener = CLOSERS[last];
    if (TRAILING_PUNCTUATION.has(last)) {
      url = url.slice(0, -1);
    } else if (opener !== undefined && count(url, opener) < count(url, last)) {
      url = url.slice(0, -1);
    } else {
      return url;
    }
  }
}

function toHref(text: string): string | null {
  // `www.` links get https: almost every site serves it, and a reader should not be sent over plain HTTP.
  const absolute = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  if (/^www\.?$/i.test(url.hostname)) return null;
  return url.href;
}

/** Every http(s):// or www. address in `text`, in order, with trailing sentence punctuation left out. */
export function findLinks(text: string): FoundLink[] {
  const links: FoundLink[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const linkText = trimTrailing(match[0]);
    const href = toHref(linkText);
    if (href === null) continue;
    links.push({ start: match.index, end: match.index + linkText.length, text: linkText, href });
  }
  return links;
}

export function countLinks(text: string): number {
  return findLinks(text).length;
}
