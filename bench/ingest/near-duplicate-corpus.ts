import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { htmlToText } from '../../src/ingest/feed-text.js';
import { parseFeed } from '../../src/ingest/parse-feed.js';
import { seededRandom } from '../../src/shared/random.js';

/*
 * Labelled text pairs for choosing the near-duplicate threshold, built from shared/data:
 * positives are lightly rewritten copies of real articles, negatives are pairs of different
 * articles (many on similar news topics), also when both carry the same site boilerplate.
 */

const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export interface Doc {
  name: string;
  paragraphs: string[];
}

export interface Pair {
  kind: string;
  a: string;
  b: string;
  duplicate: boolean;
}

/** The 22 Readability pages' expected text plus feed items with at least 150 words of text. */
export function loadDocs(): Doc[] {
  const docs: Doc[] = [];
  for (const folder of readdirSync(`${DATA}articles`).sort()) {
    const { document } = parseHTML(readFileSync(`${DATA}articles/${folder}/expected.html`, 'utf8'));
    const paragraphs = Array.from(document.querySelectorAll('p, li, h2, h3, blockquote'))
      .map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((t) => t.length > 0);
    if (paragraphs.join(' ').split(' ').length >= 80) docs.push({ name: `article:${folder}`, paragraphs });
  }
  for (const file of readdirSync(`${DATA}feeds`).sort()) {
    let items: ReturnType<typeof parseFeed>['items'] = [];
    try {
      items = parseFeed(readFileSync(`${DATA}feeds/${file}`), { feedUrl: 'https://feeds.example/' }).items;
    } catch {
      continue;
    }
    for (const item of items) {
      const html = item.contentHtml ?? item.summaryHtml ?? '';
      const paragraphs = html
        .split(/<\/p>|<br\s*\/?>/i)
        .map((p) => htmlToText(p))
        .filter(Boolean);
      if (paragraphs.join(' ').split(' ').length >= 150) docs.push({ name: `feed:${file}:${item.guid}`, paragraphs });
    }
  }
  return docs;
}

const BOILERPLATE = [
  'Sign up for our morning briefing and get the top stories delivered to your inbox every day. Follow us on social media for breaking news alerts.',
  'Copyright 2024 The Daily Courier. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission. Read our privacy policy and terms of use.',
  'Advertisement. Related coverage: more from our politics desk, opinion and analysis. Comments are closed for this article.',
];

/** Deterministic, so the table is the same on every run. */
export const random = seededRandom;

const sentences = (text: string) => text.split(/(?<=[.!?。！？])\s+/u).filter(Boolean);
const words = (text: string) => text.split(/\s+/).filter(Boolean);

function dropSentences(doc: Doc, share: number, rnd: () => number): string[] {
  return doc.paragraphs.map((p) => sentences(p).filter(() => rnd() >= share).join(' ')).filter(Boolean);
}

function substituteWords(paragraphs: string[], share: number, vocabulary: string[], rnd: () => number): string[] {
  return paragraphs.map((p) =>
    words(p)
      .map((w) => (rnd() < share ? vocabulary[Math.floor(rnd() * vocabulary.length)] : w))
      .join(' '),
  );
}

function shuffle<T>(list: T[], rnd: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function withBoilerplate(paragraphs: string[], which: number): string {
  return [BOILERPLATE[which % 3], ...paragraphs, BOILERPLATE[(which + 1) % 3]].join('\n\n');
}

function lead(doc: Doc, share: number): string[] {
  const all = words(doc.paragraphs.join(' '));
  return [all.slice(0, Math.max(40, Math.ceil(all.length * share))).join(' ')];
}

/** Six rewrites per document (positives) and every cross pair, plain and templated (negatives). */
export function buildPairs(docs: Doc[], seed = 20240601): Pair[] {
  const rnd = random(seed);
  const vocabulary = [...new Set(docs.flatMap((d) => words(d.paragraphs.join(' '))))].slice(0, 20_000);
  const pairs: Pair[] = [];
  docs.forEach((doc, i) => {
    const original = doc.paragraphs.join('\n\n');
    const rewrites: Array<[string, string]> = [
      ['drop 20% of sentences', dropSentences(doc, 0.2, rnd).join('\n\n')],
      ['substitute 10% of words', substituteWords(doc.paragraphs, 0.1, vocabulary, rnd).join('\n\n')],
      ['reorder paragraphs', shuffle(doc.paragraphs, rnd).join('\n\n')],
      ['add site boilerplate', withBoilerplate(doc.paragraphs, i)],
      ["another source's lead (60%) + boilerplate", withBoilerplate(lead(doc, 0.6), i + 1)],
      ['mixed: drop 10%, substitute 5%, boilerplate', withBoilerplate(substituteWords(dropSentences(doc, 0.1, rnd), 0.05, vocabulary, rnd), i + 2)],
    ];
    for (const [kind, text] of rewrites) pairs.push({ kind, a: original, b: text, duplicate: true });
    docs.slice(i + 1).forEach((other, j) => {
      const otherText = other.paragraphs.join('\n\n');
      pairs.push({ kind: 'different articles', a: original, b: otherText, duplicate: false });
      if ((i + j) % 3 === 0) {
        pairs.push({ kind: 'different articles, same boilerplate', a: withBoilerplate(doc.paragraphs, 0), b: withBoilerplate(other.paragraphs, 0), duplicate: false });
      }
    });
  });
  return pairs;
}
