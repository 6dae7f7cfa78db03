/**
 * A comment and its context → a sparse vector in a hashed space of 2^bits slots, so memory
 * stays bounded whatever the vocabulary. Each feature carries the human reason a moderator
 * sees when it pushes the score (`word "subscribe"`, `link to bit.ly`, `shouting`).
 */
import { fold, isDisguised, isNumber, type Link, skeleton, tokenize } from './tokenize.js';

/** What the classifier is given: the comment and where it came from (Akismet's fields). */
export interface SpamInput {
  content: string;
  authorName?: string;
  authorEmail?: string;
  authorUrl?: string;
  ip?: string;
  userAgent?: string;
  referrer?: string;
  /** URL of the article the comment was posted on. */
  permalink?: string;
  /** `comment`, `reply`, `trackback`, `pingback`, … */
  commentType?: string;
  /** Seconds between serving the form and receiving it. */
  secondsToSubmit?: number;
  /** True when the hidden field that humans never see was filled in. */
  honeypotFilled?: boolean;
  extra?: Record<string, string>;
}

/** Feature groups; a model records which ones it was trained with. */
export const FEATURE_GROUPS = ['words', 'bigrams', 'opening', 'chars', 'links', 'shape', 'author', 'meta'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

export interface FeatureOptions {
  /** Hash space is 2^bits slots (8…24). */
  bits: number;
  groups: readonly FeatureGroup[];
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { bits: 20, groups: FEATURE_GROUPS };

/**
 * Slot indices (each < 2^bits) with values and one reason per entry; same length. Typed
 * arrays, so the scoring and learning loops read them without boxing or type checks.
 */
export interface FeatureVector {
  indices: Int32Array;
  values: Float64Array;
  reasons: string[];
}

const SHORTENERS = new Set(['bit.ly', 'goo.gl', 'tinyurl.com', 't.co', 'ow.ly', 'is.gd', 'buff.ly', 'adf.ly', 'cutt.ly', 'rb.gy', 'shorturl.at', 'tiny.cc', 'bit.do', 'v.gd']);
const SCRIPTED_AGENT = /curl|wget|python|java\/|go-http|libwww|scrapy|httpclient|okhttp|node-fetch|axios|bot\b|spider|crawler/i;

/** FNV-1a over a string, continuing from `h`. */
export function hashString(s: string, h = 0x811c9dc5): number {
  return hashRange(s, 0, s.length, h);
}

/** `hashString(s.slice(from, to), h)` without making the slice. */
function hashRange(s: string, from: number, to: number, h: number): number {
  let x = h;
  for (let i = from; i < to; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 0x01000193);
  }
  return x >>> 0;
}

/** Fibonacci hashing spreads FNV's weak low bits over the top `bits` bits. */
export function slot(hash: number, bits: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> (32 - bits);
}

/** The slot of a named feature, e.g. `featureSlot('m:honeypot', 20)`; used for priors. */
export function featureSlot(key: string, bits: number): number {
  return slot(hashString(key), bits);
}

/** Hashes of the key prefixes that words and character n-grams continue from (FNV is sequential). */
const WORD_KEY = hashString('w:');
const CHAR_KEY = hashString('c:');

class Builder {
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
  private readonly reasons: string[] = [];
  private readonly groupStart: number[] = [];
  constructor(private readonly bits: number) {}
  begin(): void {
    this.groupStart.push(this.indices.length);
  }
  add(key: string, reason: string, value = 1): void {
    this.addHash(hashString(key), reason, value);
  }
  addHash(hash: number, reason: string, value = 1): void {
    this.indices.push(slot(hash, this.bits));
    this.values.push(value);
    this.reasons.push(reason);
  }
  /** Scales the entries added since `begin()` to unit length, so long comments don't shout louder. */
  normalize(scale = 1): void {
    const start = this.groupStart.pop() ?? 0;
    const n = this.values.length - start;
    if (n === 0) return;
    let sq = 0;
    for (let i = start; i < this.values.length; i++) sq += this.values[i] ** 2;
    const factor = scale / Math.sqrt(sq);
    for (let i = start; i < this.values.length; i++) this.values[i] *= factor;
  }
  finish(): FeatureVector {
    return { indices: new Int32Array(this.indices), values: new Float64Array(this.values), reasons: this.reasons };
  }
}

/**
 * Character n-grams count for less than whole words: at full weight they overfit small
 * corpora (leave-one-video-out F1 fell from 0.93 to 0.64 on one rotation); 0.3 keeps their
 * tolerance of misspellings without letting them dominate.
 */
const CHAR_SCALE = 0.3;

/**
 * Word pairs count for somewhat less than single words: a pair is rarer, so at full weight
 * pairs memorise their training comments. 0.7 raised leave-one-video-out F1 by about 0.006
 * and F1 after training on a single video by 0.01–0.03 (means over training seeds).
 */
const BIGRAM_SCALE = 0.7;

/**
 * How a comment opens says what it is for: spam tends to open with a call to action
 * ("check out", "subscribe", "like this") and a reply with a reaction. That holds across
 * articles, where topic words do not, so the first word and the first two words are features
 * of their own (without them, leave-one-video-out ROC AUC on LMFAO falls from 0.968 to 0.957
 * and mean F1 on Psy from 0.947 to 0.921). Each counts half: they repeat words the other
 * groups already have.
 */
const OPENING_WEIGHT = 0.5;

/**
 * The next five sentences' openings count for half a comment's opening, under keys of their
 * own: spam often puts its call to action after a line of praise ("Nice song. Check out my
 * channel"). With them, mean leave-one-video-out F1 over twenty training seeds rose by 0.005
 * on KatyPerry and 0.001 on LMFAO, Psy held and SMS lost 0.002. At the comment's own
 * opening's weight they cost SMS 0.007; sharing its keys, they cost LMFAO 0.012.
 */
const SENTENCE_OPENING_WEIGHT = OPENING_WEIGHT / 2;

function addOpenings(b: Builder, words: readonly string[], sentenceStarts: readonly number[]): void {
  const seen = new Set<string>();
  sentenceStarts.slice(0, 6).forEach((start, k) => {
    const end = sentenceEnd(sentenceStarts, k, words.length);
    for (let n = 1; n <= Math.min(2, end - start); n++) {
      const key = words.slice(start, start + n).join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      if (k === 0) b.add(`o:${key}`, `starts with "${shown(key)}"`, OPENING_WEIGHT);
      else b.add(`os:${key}`, `a sentence starts with "${shown(key)}"`, SENTENCE_OPENING_WEIGHT);
    }
  });
}

/** Maps a word to its feature form: long numbers become a length class, so phone numbers generalise. */
function wordForm(word: string): string {
  if (!isNumber(word) || word.length <= 4) return word;
  return word.length <= 6 ? '<num5-6>' : word.length <= 9 ? '<num7-9>' : '<num10+>';
}

/** Where sentence `k` ends in a list of `length` words (the words are capped, the starts are not). */
function sentenceEnd(sentenceStarts: readonly number[], k: number, length: number): number {
  return Math.min(sentenceStarts[k + 1] ?? length, length);
}

/** Words of a phrase as a moderator reads them: a long number's length class shows as "(number)". */
function shown(phrase: string): string {
  return phrase.replace(/<num[^>]*>/g, '(number)');
}

function wordReason(word: string): string {
  return word.startsWith('<num') ? 'long number' : `word "${word}"`;
}

/**
 * Extracts the feature vector of one input. Pure and deterministic; cost is linear in the
 * text length (words are capped at 400, character n-grams at 40 letters a word).
 */
export function extractFeatures(input: SpamInput, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): FeatureVector {
  const on = new Set(options.groups);
  const b = new Builder(options.bits);
  const tokens = tokenize(input.content ?? '');
  const words = tokens.words.slice(0, 400).map(wordForm);
  const skeletons = words.map(skeleton);
  const reasons = words.map(wordReason);

  if (on.has('words')) {
    b.begin();
    const seen = new Set<string>();
    words.forEach((w, i) => {
      const sk = skeletons[i];
      for (const form of sk && sk !== w ? [w, sk] : [w]) {
        if (seen.has(form)) continue;
        seen.add(form);
        b.addHash(hashString(form, WORD_KEY), reasons[i]);
      }
    });
    b.normalize();
  }
  if (on.has('bigrams')) {
    b.begin();
    const seen = new Set<string>();
    for (let i = 1; i < words.length; i++) {
      const key = `${words[i - 1]} ${words[i]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      b.add(`b:${key}`, `phrase "${shown(key)}"`);
    }
    b.normalize(BIGRAM_SCALE);
  }
  if (on.has('opening')) addOpenings(b, words, tokens.sentenceStarts);
  if (on.has('chars')) {
    b.begin();
    addCharNgrams(b, words, skeletons, reasons);
    b.normalize(CHAR_SCALE);
  }
  // The host of the page the comment is on: its own links and its referrer are judged by it.
  const site = input.permalink ? hostOf(input.permalink) : undefined;
  if (on.has('links')) addLinkFeatures(b, tokens.links, tokens.emailDomains, site);
  if (on.has('shape')) addShapeFeatures(b, tokens.rest, words, skeletons, tokens.sentenceStarts);
  if (on.has('author')) addAuthorFeatures(b, input);
  if (on.has('meta')) addMetaFeatures(b, input, site);
  return b.finish();
}

/** Character 3–5-grams of each word's skeleton, padded with `<`/`>` so "v1agra" shares grams with "viagra". */
function addCharNgrams(b: Builder, words: string[], skeletons: string[], reasons: string[]): void {
  const seen = seenGrams;
  seen.clear();
  words.forEach((w, wi) => {
    if (w.startsWith('<num')) return;
    const padded = `<${skeletons[wi].slice(0, 40)}>`;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const h = hashRange(padded, i, i + n, CHAR_KEY ^ n);
        if (seen.add(h)) b.addHash(h, reasons[wi]);
      }
    }
  });
}

/**
 * A set of 32-bit hashes, emptied in constant time for each comment. A `Set<number>` boxes
 * every hash above 2^30 (most of them); deduplicating character n-grams in one took about a
 * tenth of extraction time.
 */
class HashSet32 {
  private keys = new Uint32Array(1024);
  private stamps = new Uint32Array(1024);
  private shift = 22;
  private stamp = 1;
  private size = 0;

  clear(): void {
    this.size = 0;
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** Adds `hash` (an unsigned 32-bit integer); false when it was there already. */
  add(hash: number): boolean {
    const mask = this.keys.length - 1;
    for (let i = Math.imul(hash, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & mask) {
      if (this.stamps[i] !== this.stamp) {
        this.stamps[i] = this.stamp;
        this.keys[i] = hash;
        if (++this.size * 2 > this.keys.length) this.grow();
        return true;
      }
      if (this.keys[i] === hash) return false;
    }
  }

  private grow(): void {
    const { keys, stamps, stamp } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.stamps = new Uint32Array(keys.length * 2);
    this.shift--;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (stamps[i] === stamp) this.add(keys[i]);
  }
}

const seenGrams = new HashSet32();

/**
 * A link to the site the comment is on (a reader pointing at another of its articles; the
 * permalink's host or a subdomain of it) is not the kind of link spam carries, so it is not
 * counted as one: it gets a feature of its own, which starts at zero and learns from
 * moderators. The corpora carry no permalink, so nothing else could teach it. A relative
 * permalink (a site without a configured base URL) names no host, and then nothing changes.
 */
function addLinkFeatures(b: Builder, allLinks: Link[], emailDomains: string[], site: string | undefined): void {
  const links = site ? allLinks.filter((link) => !sameSite(link.host, site)) : allLinks;
  if (links.length < allLinks.length) b.add('l:ownsite', 'link to this site');
  const n = links.length;
  if (n > 0) b.add(`l:count${Math.min(n, 3)}`, n === 1 ? 'a link' : `${n} links`);
  for (const link of links.slice(0, 10)) {
    const reason = `link to ${link.host}`;
    const labels = link.host.split('.');
    b.add(`l:host:${link.host}`, reason);
    b.add(`l:site:${labels.slice(-2).join('.')}`, reason);
    b.add(`l:tld:${labels[labels.length - 1]}`, reason, 0.5);
    if (SHORTENERS.has(link.host)) b.add('l:shortener', `link shortener ${link.host}`);
    if (link.pathWords.length === 0) b.add('l:bare', reason, 0.5);
    for (const word of link.pathWords) b.add(`l:path:${word}`, reason, 0.3);
  }
  for (const domain of emailDomains.slice(0, 5)) {
    b.add('l:email', 'e-mail address in text');
    b.add(`l:emaildomain:${domain}`, `e-mail address at ${domain}`, 0.5);
  }
}

/**
 * A comment that asks readers to like it ("like this comment if you're watching in 2015",
 * "give it a like", "thumbs this up") farms engagement for its author's profile, and ranks
 * it above real replies. Matched on skeletons, so "l1ke th1s c0mment" counts too. The request
 * must open a sentence (after "guys", "don't" …) or follow "please": "Why do people like this
 * comment?", "Looks like this comment section is full of bots" and "I like this comment" are
 * readers talking, not asking.
 */
const LIKE_BAIT_LEAD = '(?:(?:please|pls|plz|guys|everyone|everybody|omg|do not|dont) )*';
const LIKE_BAIT = new RegExp(
  `(?:^${LIKE_BAIT_LEAD}|\\b(?:please|pls|plz) )(?:like|upvote|thumbs? up) (?:this|my) comment\\b(?! (?:section|sections|thread|threads|box)\\b)|\\bgive (?:it|this|this comment|me) a (?:like|thumbs? up)\\b|\\bthumbs? this up\\b`,
  'u',
);
const LIKE_WORDS = new Set(['like', 'upvote', 'thumb', 'thumbs']);

function asksForLikes(skeletons: readonly string[], sentenceStarts: readonly number[]): boolean {
  if (!skeletons.some((w) => LIKE_WORDS.has(w))) return false;
  return sentenceStarts.some((start, k) => LIKE_BAIT.test(skeletons.slice(start, sentenceEnd(sentenceStarts, k, skeletons.length)).join(' ')));
}

function addShapeFeatures(b: Builder, rest: string, words: string[], skeletons: string[], sentenceStarts: readonly number[]): void {
  const letters = rest.match(/\p{L}/gu) ?? [];
  const upper = rest.match(/\p{Lu}/gu) ?? [];
  if (letters.length >= 8) {
    const ratio = upper.length / letters.length;
    if (ratio > 0.6) b.add('s:shout', 'shouting');
    else if (ratio > 0.3) b.add('s:caps', 'many capitals');
  }
  const capsWords = rest.match(/\b\p{Lu}{3,}\b/gu)?.length ?? 0;
  if (capsWords >= 3) b.add('s:capswords', 'words in capitals');
  if (/!{2,}/.test(rest)) b.add('s:bangs', 'repeated exclamation marks');
  if (/\?{2,}/.test(rest)) b.add('s:questions', 'repeated question marks');
  if (/(.)\1{3,}/u.test(rest)) b.add('s:stretched', 'stretched characters');
  if (/[$£€]\s?\d|\d\s?(?:[$£€]|usd|eur|gbp)/iu.test(rest)) b.add('s:money', 'money amount');
  if (/\p{Extended_Pictographic}/u.test(rest)) b.add('s:emoji', 'emoji');
  if (asksForLikes(skeletons, sentenceStarts)) b.add(PRIOR_KEYS.likeBait, 'asks for likes');
  if (words.some((w, i) => !w.startsWith('<') && isDisguised(w, skeletons[i]))) b.add('s:obfuscated', 'obfuscated spelling');
  const length = rest.length;
  b.add(`s:len${Math.min(Math.floor(Math.log2(length + 1)), 10)}`, length < 20 ? 'very short' : 'length', 0.5);
  if (words.length >= 6) {
    const distinct = new Set(words).size;
    if (distinct / words.length < 0.5) b.add('s:repetitive', 'repetition');
  }
}

function addAuthorFeatures(b: Builder, input: SpamInput): void {
  const name = input.authorName?.trim() ?? '';
  if (name) {
    if (tokenize(name).links.length > 0) b.add('a:namelink', 'a link as the author name');
    if (/\d{2,}/.test(name)) b.add('a:namedigits', 'digits in the author name');
    if (name.length > 25) b.add('a:namelong', 'long author name');
    if (/^\P{Ll}+$/u.test(name) && /\p{Lu}{3,}/u.test(name)) b.add('a:nameshout', 'author name in capitals');
  }
  const email = input.authorEmail?.trim().toLowerCase();
  const domain = email?.split('@')[1];
  if (domain) {
    b.add(`a:emaildomain:${domain}`, `e-mail at ${domain}`);
    b.add(`a:emailtld:${domain.split('.').pop()}`, `e-mail at ${domain}`, 0.5);
  }
  const url = input.authorUrl?.trim();
  if (url) {
    const host = tokenize(url).links[0]?.host ?? fold(url);
    b.add('a:url', 'author website given', 0.5);
    b.add(`a:urlhost:${host}`, `author website ${host}`);
  }
}

/** Keys of the features that carry prior weights in a fresh model (see model.ts). */
export const PRIOR_KEYS = { honeypot: 'm:honeypot', tooFast: 'm:fast<3', scripted: 'm:ua:scripted', likeBait: 's:likebait' } as const;

function addMetaFeatures(b: Builder, input: SpamInput, site: string | undefined): void {
  if (input.honeypotFilled) b.add(PRIOR_KEYS.honeypot, 'hidden field filled in');
  const s = input.secondsToSubmit;
  if (s !== undefined && Number.isFinite(s)) {
    if (s < 3) b.add(PRIOR_KEYS.tooFast, `submitted ${Math.max(0, Math.round(s))} s after the form was served`);
    else b.add(`m:time${s < 10 ? '<10' : s < 60 ? '<60' : s < 3600 ? '<3600' : '>3600'}`, 'time taken to write');
  }
  if (input.userAgent !== undefined) {
    const ua = input.userAgent.trim();
    if (!ua) b.add('m:ua:none', 'no user agent');
    else if (SCRIPTED_AGENT.test(ua)) b.add(PRIOR_KEYS.scripted, 'scripted client');
    else b.add(`m:ua:${ua.toLowerCase().match(/firefox|edg|chrome|safari|opera|msie|trident/)?.[0] ?? 'other'}`, 'user agent');
  }
  if (input.referrer !== undefined && input.permalink) {
    const ref = hostOf(input.referrer);
    if (!ref) b.add('m:ref:none', 'no referrer');
    else if (ref !== site) b.add(`m:ref:other:${ref}`, `referred from ${ref}`);
  }
  if (input.ip) {
    b.add(`m:ip:${input.ip}`, `address ${input.ip}`);
    b.add(`m:net:${input.ip.split(/[.:]/).slice(0, 3).join('.')}`, `address range of ${input.ip}`, 0.5);
  }
  if (input.commentType) b.add(`m:type:${input.commentType.toLowerCase()}`, `comment type ${input.commentType}`);
  for (const [key, value] of Object.entries(input.extra ?? {}).slice(0, 20)) {
    b.add(`m:x:${key}=${value}`, `${key} "${value}"`, 0.5);
  }
}

/**
 * The site's host or one of its subdomains (`m.example.org` for `example.org`). Never the
 * parent: a site at news.medium.com must not trust every link to medium.com.
 */
function sameSite(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
