import type nlpFn from 'compromise';

type Nlp = typeof nlpFn;

export type TagStyle = 'entities' | 'title-words';

export interface SuggestTagsOptions {
  /** Tags the site already has: a suggestion matching one case-insensitively uses its spelling. */
  existing?: string[];
  max?: number;
  /**
   * `entities` (default): people, places, organisations, acronyms and proper nouns, ranked.
   * `title-words`: every title word with punctuation removed, as older wire desks tag.
   */
  style?: TagStyle;
}

const STOP_WORDS = new Set(
  (
    'a about after again against all also an and any are as at be because been before being between both but by can ' +
    'could did do does doing down during each few for from further had has have having he her here hers him his how ' +
    'i if in into is it its just me more most much my no nor not now of off on once only or other our out over own ' +
    'same she should so some such than that the their them then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your wont cant dont ' +
    'breaking update updated live opinion analysis exclusive watch video photos report reports says said new news ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday mr mrs ms dr'
  ).split(' '),
);

/** Body text read for entity tags: names that matter appear early, and compromise costs per word. */
export const TAG_BODY_CHARS = 3000;

let loadingNlp: Promise<Nlp> | undefined;

/**
 * compromise, loaded on first use (it costs ~40 MB, which a site that does not ingest should not
 * pay). A failed load is not cached, so a later call tries again.
 */
function loadNlp(): Promise<Nlp> {
  loadingNlp ??= import('compromise').then(
    (module) => module.default,
    (error: unknown) => {
      loadingNlp = undefined;
      throw new Error(`tag suggestion needs the "compromise" package, which could not be loaded: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    },
  );
  return loadingNlp;
}

/**
 * Suggests up to `max` (8) tags for an article. Guarantees: no stop words, no duplicates
 * (compared case-insensitively, possessives removed: "Trump's" counts as "Trump"), and an
 * `existing` tag is reused in its own spelling, also when it is the full name of a suggested
 * surname ("Vladimir Putin" for "Putin"). Ranked by mentions, with title mentions counting extra
 * and earlier first mentions winning ties. Reads the title and the first `TAG_BODY_CHARS` of the body.
 */
export async function suggestTags(title: string, bodyText: string, options: SuggestTagsOptions = {}): Promise<string[]> {
  const max = options.max ?? 8;
  const suggestions = options.style === 'title-words' ? titleWords(title) : entityTags(await loadNlp(), title, bodyText);
  const existing = existingIndex(options.existing ?? []);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of suggestions) {
    const key = tagKey(tag);
    const reused = existing.exact.get(key) ?? (key.length > 2 ? existing.fullName.get(key) : undefined) ?? tag;
    const reusedKey = reused === tag ? key : tagKey(reused);
    if (seen.has(reusedKey)) continue;
    seen.add(reusedKey);
    out.push(reused);
    if (out.length >= max) break;
  }
  return out;
}

interface ExistingIndex {
  /** Key → the first existing tag with that key. */
  exact: Map<string, string>;
  /** Trailing words' key ("putin", "van dijk") → the first existing tag ending in them ("Vladimir Putin"). */
  fullName: Map<string, string>;
}

// One poll passes the same `existing` array for every item: index it once, not per suggestion.
const existingIndexes = new WeakMap<readonly string[], ExistingIndex>();

function existingIndex(existing: readonly string[]): ExistingIndex {
  let index = existingIndexes.get(existing);
  if (index) return index;
  index = { exact: new Map(), fullName: new Map() };
  for (const tag of existing) {
    const key = tagKey(tag);
    if (!index.exact.has(key)) index.exact.set(key, tag);
  }
  for (const tag of existing) {
    const key = tagKey(tag);
    for (let at = key.indexOf(' '); at >= 0; at = key.indexOf(' ', at + 1)) {
      const tail = key.slice(at + 1);
      if (!index.fullName.has(tail)) index.fullName.set(tail, tag);
    }
  }
  existingIndexes.set(existing, index);
  return index;
}

/** Case- and accent-insensitive comparison key of a tag. */
export function tagKey(tag: string): string {
  return tag.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

function titleWords(title: string): string[] {
  return title
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((word) => word.length > 0);
}

interface Candidate {
  forms: Map<string, number>;
  score: number;
  first: number;
  isPerson: boolean;
}

// Possessives off before parsing: compromise reads "Trump's room" as a place otherwise.
const cleanPossessives = (text: string) => text.replace(/(\p{Lu}[\p{L}\p{N}.-]*)['’]s\b/gu, '$1').replace(/(\p{Lu}\p{L}*s)['’](?=\s)/gu, '$1');

function entityTags(nlp: Nlp, title: string, bodyText: string): string[] {
  const titleText = `${cleanPossessives(title)}.`;
  const body = namingSentences(nlp, cleanPossessives(bodyExcerpt(bodyText)));
  // One parse for title and body: title mentions are those that start inside the title.
  const mentions = mentionsIn(nlp(body ? `${titleText}\n\n${body}` : titleText));
  const candidates = new Map<string, Candidate>();
  const titleKeys = new Set<string>();
  mentions.forEach((mention, position) => {
    const key = tagKey(mention.text);
    if (mention.offset < titleText.length) titleKeys.add(key);
    if (!isTaggable(key)) return;
    const entry = candidates.get(key) ?? { forms: new Map(), score: 0, first: position, isPerson: false };
    entry.forms.set(mention.text, (entry.forms.get(mention.text) ?? 0) + 1);
    entry.score += mention.weight;
    entry.isPerson ||= mention.kind === 'person';
    candidates.set(key, entry);
  });
  mergeSurnames(candidates);
  for (const [key, entry] of candidates) if (titleKeys.has(key)) entry.score += 3;
  return [...candidates.values()]
    .sort((a, b) => b.score - a.score || a.first - b.first)
    .map((entry) => [...entry.forms].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0][0]);
}

/** The first `TAG_BODY_CHARS` of the body, cut after a sentence (or at least a word) when one ends late enough. */
function bodyExcerpt(text: string): string {
  if (text.length <= TAG_BODY_CHARS) return text;
  const head = text.slice(0, TAG_BODY_CHARS);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentenceEnd > TAG_BODY_CHARS / 2) return head.slice(0, sentenceEnd + 1);
  const wordEnd = head.lastIndexOf(' ');
  return wordEnd > 0 ? head.slice(0, wordEnd) : head;
}

/**
 * The sentences that can name something: a mention needs a capitalised word (see properWords),
 * and compromise tags each sentence on its own, so a sentence without capitals adds nothing
 * but parsing time.
 */
function namingSentences(nlp: Nlp, text: string): string {
  if (!text) return text;
  const split = (nlp.world() as WorldWithSplitter).methods.one.tokenize?.splitSentences;
  if (!split) return text;
  return split(text, nlp.world())
    .filter((sentence) => /\p{Lu}/u.test(sentence))
    .join('')
    .trim();
}

/** compromise's own sentence splitter, not in its published types. */
interface WorldWithSplitter {
  methods: { one: { tokenize?: { splitSentences?(text: string, world: unknown): string[] } } };
}

interface Mention {
  text: string;
  weight: number;
  kind: 'person' | 'place' | 'organization' | 'acronym' | 'proper';
}

/** The part of a compromise view we read; its typed views differ by plugin level. */
interface MatchView {
  json(options: { offset: boolean }): unknown;
}

/** json() options: text and offset only; the default per-term details are costly and unused. */
const TEXT_AND_OFFSET = { offset: true, terms: false } as { offset: boolean };

function mentionsIn(doc: ReturnType<Nlp>): Array<Mention & { offset: number }> {
  const found: Array<Mention & { offset: number }> = [];
  const collect = (view: MatchView, kind: Mention['kind'], weight: number) => {
    for (const match of view.json(TEXT_AND_OFFSET) as Array<{ text: string; offset?: { start: number } }>) {
      // A hyphenated pair of names ("US-Russia") is two mentions.
      for (const part of properWords(match.text).split(/(?<=\p{L})-(?=\p{Lu})/u)) {
        if (part) found.push({ text: part, weight, kind, offset: match.offset?.start ?? 0 });
      }
    }
  };
  collect(doc.people(), 'person', 1);
  collect(doc.places(), 'place', 1);
  collect(doc.organizations(), 'organization', 1);
  collect(doc.acronyms(), 'acronym', 1);
  collect(doc.match('#ProperNoun+').not('(#Date|#Value|#Pronoun)'), 'proper', 0.5);
  // Overlapping views name the same words; keep one mention per (offset, key), best weight first.
  const unique = new Map<string, Mention & { offset: number }>();
  for (const m of found.sort((a, b) => b.weight - a.weight)) {
    const id = `${m.offset}:${tagKey(m.text)}`;
    if (!unique.has(id)) unique.set(id, m);
  }
  return [...unique.values()].sort((a, b) => a.offset - b.offset);
}

const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'la', 'le', 'bin', 'al', 'el', 'ter']);

/** The capitalised words of a match, trimmed of punctuation and leading lowercase words. */
function properWords(text: string): string {
  const words = text
    .replace(/[()"“”‘’:;,.!?]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const start = words.findIndex((w) => /^\p{Lu}/u.test(w));
  if (start < 0) return '';
  const kept: string[] = [];
  const rest = words.slice(start);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    // Name particles ("van Dijk", "da Silva") stay when a capitalised word follows.
    const particle = NAME_PARTICLES.has(word) && /^\p{Lu}/u.test(rest[i + 1] ?? '');
    if (!particle && !/^\p{Lu}/u.test(word)) break;
    kept.push(word.replace(/['’]$/, ''));
  }
  return kept.join(' ');
}

function isTaggable(key: string): boolean {
  if (key.length < 2 || /^\d/.test(key)) return false;
  return !key.split(' ').every((word) => STOP_WORDS.has(word));
}

/** "Vladimir Putin" and "Putin" are one person; the form used most names the tag. */
function mergeSurnames(candidates: Map<string, Candidate>): void {
  for (const [key, entry] of candidates) {
    const words = key.split(' ');
    if (words.length < 2 || !entry.isPerson) continue;
    const surname = candidates.get(words[words.length - 1]);
    if (!surname || surname === entry) continue;
    for (const [form, count] of entry.forms) surname.forms.set(form, (surname.forms.get(form) ?? 0) + count);
    surname.score += entry.score;
    surname.first = Math.min(surname.first, entry.first);
    surname.isPerson = true;
    candidates.delete(key);
  }
}
