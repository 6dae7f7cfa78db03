/**
 * Text → tokens for the spam features. Plain text in (comment bodies are stored as plain
 * text); nothing here decodes HTML. Obfuscation is undone in two steps so both the literal
 * spelling and its de-obfuscated "skeleton" can become features: NFKD folding removes
 * accents and full-width/stylised letters, and leet digits/symbols map back to letters.
 */

export interface Link {
  /** Lower-cased host without a leading `www.`, e.g. `bit.ly`. */
  host: string;
  /** Words of the path and query, lower-cased, e.g. `["watch", "v"]`. */
  pathWords: string[];
}

export interface Tokens {
  /** Word tokens as written, lower-cased and folded (`ch4nnel`, `subscribe`, `2nite`). */
  words: string[];
  /** Indices into `words` of the words that open a sentence, ascending; 0 first when there are words. */
  sentenceStarts: number[];
  /** Links found in the text, with or without a scheme (`murdev.com`, `http://bit.ly/x`). */
  links: Link[];
  /** Domains of e-mail addresses written in the text. */
  emailDomains: string[];
  /** The text with links and e-mail addresses removed, NFKC-folded, original case. */
  rest: string;
}

// Zero-width and formatting characters are a cheap way to split a word invisibly.
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;
const COMBINING = /\p{M}+/gu;
// The e-mail and bare-domain patterns start only where a run of their characters starts (a
// domain may follow "..." or "-"): tried from every position, a 64 KB comment of "a." or of
// letters before one "@" took 2 s.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;
const SCHEME_URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`)\]]+/giu;
// A bare domain needs a known TLD (or a two-letter country code) so "e.g." or "lol.ok" stay words.
const BARE_DOMAIN =
  /(?<![\p{L}\p{N}]|[\p{L}\p{N}][.-]|[.-]-)((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|xyz|pl|nl|br|es|it|jp|cn|au|ca|eu|ch|se|no|dk|fi|cz|ro|hu|ua|kr|vn|id|tr|mx|ar|za|nz|ie|be|at|pt|gr|top|online|site|club|shop|link|click|live|app|dev|io|ly|co|me|tv|us|uk|ru|de|fr|in|cc|ws|gl|gd|tk|ml|ga|cf|gq|pw|su))\b(\/[^\s<>"'`)\]]*)?/giu;
const WORD = /[\p{L}\p{N}]+(?:[@$|!*.'’][\p{L}\p{N}]+)*/gu;

/** Folds a string to lower-case NFKD without combining marks or invisible characters. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(COMBINING, '').replace(INVISIBLE, '').toLowerCase();
}

/**
 * Splits plain text into words, links and e-mail domains. Never throws; empty text gives
 * empty lists. Single letters spaced out ("f r e e", "v.i.a.g.r.a") are joined into one word.
 */
export function tokenize(text: string): Tokens {
  let rest = text.normalize('NFKC').replace(INVISIBLE, '');
  const emailDomains: string[] = [];
  // The e-mail pattern is slow to fail on every word; most comments have no "@" at all.
  if (rest.includes('@')) {
    rest = rest.replace(EMAIL, (_m, domain: string) => {
      emailDomains.push(domain.toLowerCase());
      return ' ';
    });
  }
  const links: Link[] = [];
  rest = rest.replace(SCHEME_URL, (m) => {
    const link = parseLink(m);
    if (link) links.push(link);
    return ' ';
  });
  rest = rest.replace(BARE_DOMAIN, (m) => {
    const link = parseLink(m);
    if (link) links.push(link);
    return ' ';
  });
  return { ...wordsOf(fold(rest)), links, emailDomains, rest };
}

function parseLink(raw: string): Link | undefined {
  const trimmed = raw.replace(/[.,!?;:]+$/u, '');
  try {
    const url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    if (!host.includes('.')) return undefined;
    const pathWords = fold(decodeSafe(url.pathname + url.search)).match(/[\p{L}\p{N}]+/gu) ?? [];
    return { host, pathWords: pathWords.slice(0, 12) };
  } catch {
    return undefined;
  }
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The words of folded text and where its sentences open. Single letters spelled out ("f r e e",
 * "f-r-e-e", and with full stops "F. R. E. E.", three letters or more) are joined into one
 * word. A sentence ends at `.` `!` `?` `;` `:` before white space, or at a line break:
 * "3.5", "2:19", "v!agra" and ":D" do not end one.
 */
function wordsOf(text: string): Pick<Tokens, 'words' | 'sentenceStarts'> {
  const tokens: string[] = [];
  const gaps: string[] = [];
  let end = 0;
  for (const match of text.matchAll(WORD)) {
    tokens.push(match[0]);
    gaps.push(text.slice(end, match.index));
    end = match.index + match[0].length;
  }
  const single = tokens.map((word) => word.length === 1 && /\p{L}/u.test(word));
  const dotted = (i: number) => i > 0 && i < tokens.length && single[i - 1] && single[i] && /^\.\s?$/.test(gaps[i]);
  // Token i continues the letters before it unless a sentence ends between them ("f-r-e-e" and
  // "f r e e" spell one word); a full stop does not end one inside a chain of at least two
  // ("F. R. E. E."), so "Thank u. L I K E this" keeps "u" to itself.
  const continues = (i: number) =>
    i > 0 && single[i - 1] && single[i] && (!endsSentence(gaps[i]) || (dotted(i) && (dotted(i - 1) || dotted(i + 1))));

  const words: string[] = [];
  const sentenceStarts: number[] = [];
  let run: string[] = [];
  let runOpens = false;
  const push = (word: string, opens: boolean) => {
    if (opens) sentenceStarts.push(words.length);
    words.push(word);
  };
  const flush = () => {
    if (run.length >= 3) push(run.join(''), runOpens);
    else {
      for (const [i, letter] of run.entries()) push(letter, runOpens && i === 0);
    }
    run = [];
  };
  tokens.forEach((word, i) => {
    if (continues(i)) {
      run.push(word);
      return;
    }
    flush();
    const opens = i === 0 || endsSentence(gaps[i]);
    if (single[i]) {
      run = [word];
      runOpens = opens;
    } else push(word, opens);
  });
  flush();
  return { words, sentenceStarts };
}

/** True when the text between two words ends a sentence: a line break, or a stop before white space. */
function endsSentence(gap: string): boolean {
  // Most gaps are one space; a one-character gap ends a sentence only as a line break.
  return gap.length < 2 ? gap === '\n' : /\n|[.!?;:]\s/.test(gap);
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '|': 'l',
  '!': 'i',
};

/**
 * Cyrillic and Greek letters that look like Latin ones (in lower case, as words are folded;
 * some only look alike in upper case, such as н for H). Swapping a few of them into a Latin
 * word ("vіagra" with a Cyrillic і) hides it from a filter that matches spellings.
 */
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', ү: 'y',
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/gu;

/**
 * Numbers with a unit or an ordinal ending ("1980s", "10km", "£100m", "1st", "5g", "3.5"),
 * a few names ("mp3", "ps4") and dotted abbreviations ("e.g", "u.s") are how news comments
 * write, not leet: "1980s" must not become "i9bos", nor count as a disguise. Other dotted
 * letters ("s.e.x") and letters with a digit ("gr8", "fre3") are still read as disguises.
 */
const ORDINARY_FORM = /^\d+(?:[.,]\d+)*(?:st|nd|rd|th|s|k|m|bn|km|kg|mb|gb|tb|g|p|x|am|pm|mm|cm|ml|hz)?$|^(?:mp3|mp4|ps4|ps5|f1|g7|g20|e\.g|i\.e|u\.s|u\.k|e\.u|u\.n|a\.m|p\.m|n\.b)$/;

/**
 * The de-obfuscated spelling of a word. In a word with a Latin letter, leet digits and symbols
 * become letters ("2014" stays a number) and Cyrillic and Greek lookalikes become Latin; a word
 * without one, such as Bulgarian, keeps its letters. Other symbols drop, and runs of three or
 * more equal letters shrink to two ("sooooo" → "soo"). `v1agra` → `viagra`, `ch4nnel` →
 * `channel`, `vіagra` (Cyrillic і) → `viagra`.
 */
export function skeleton(word: string): string {
  if (isPlain(word) || ORDINARY_FORM.test(word)) return word;
  // Leet and lookalikes disguise Latin words: a word with no Latin letter (Bulgarian "н0вини",
  // "сайт1") keeps its letters, or its own n-grams would be scrambled.
  if (!LATIN.test(word)) return squeeze(word);
  let out = word;
  if (/[0-9@$|!]/.test(word)) out = out.replace(/[0-9@$|!]/g, (c) => LEET[c] ?? c);
  if (out.search(CYRILLIC_OR_GREEK) >= 0) out = out.replace(CYRILLIC_OR_GREEK, (c) => LOOKALIKES[c] ?? c);
  return squeeze(out);
}

/**
 * True when a word's skeleton hides a disguise: leet, lookalike letters or symbols inside it.
 * Apostrophes ("i'm", "don't") and stretched letters ("sooooo") are how people write, not
 * disguises; counted as such, the flag fired mostly on ordinary comments and leant toward ham.
 */
export function isDisguised(word: string, wordSkeleton: string): boolean {
  return wordSkeleton !== word && wordSkeleton !== shrinkRuns(word.replace(/['’]/g, ''));
}

/** Drops symbols and shrinks runs of three or more equal letters to two. */
function squeeze(word: string): string {
  return shrinkRuns(word.replace(/[^\p{L}\p{N}]/gu, ''));
}

/** Runs of three or more equal letters shrink to two ("sooooo" → "soo"). */
function shrinkRuns(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/**
 * True for a word of ASCII lower-case letters without a letter three times in a row, or of
 * digits only: its own skeleton. Most words are; this spares them the Unicode regexes.
 */
function isPlain(word: string): boolean {
  const digits = word.charCodeAt(0) <= 57;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (digits ? c < 48 || c > 57 : c < 97 || c > 122 || (i >= 2 && c === word.charCodeAt(i - 1) && c === word.charCodeAt(i - 2))) return false;
  }
  return true;
}

/** True when a word is only digits (a number, a phone number, a year). */
export function isNumber(word: string): boolean {
  return /^[0-9]+$/.test(word);
}
