import type { PagePart, PreparedPart, TokenSlot } from '../plugins/page-cache.js';

/**
 * Markup built as strings for the pages every reader loads (article, home, lists), where
 * building a virtual DOM node for each element cost most of an uncached request. Escaping stays
 * the default: every value put into an `html` template is escaped as preact escapes it (the
 * same output, byte for byte), unless it is itself markup from `html` or explicitly marked
 * `raw` — which is only for markup produced and sanitised elsewhere.
 *
 * Our own punctuation is written as character references (&raquo;, &middot;, &mdash; …), so a
 * page whose content is ASCII goes out as ASCII: HTTP clients that decode bodies as text
 * (autocannon, which `npm run bench` uses, among them) take several times longer over text
 * holding a single non-ASCII character.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const needsEscape = /["&<]/;
const escapes = /["&<]/g;
const entity: Record<string, string> = { '"': '&quot;', '&': '&amp;', '<': '&lt;' };

/** Text for an element's content or a double-quoted attribute: `"`, `&` and `<` escaped. */
export function escapeText(text: string): string {
  return needsEscape.test(text) ? text.replace(escapes, (c) => entity[c]) : text;
}

/** Markup made elsewhere and already safe: the article body after the sanitiser, JSON-LD after jsonLd(). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** A value in a template: text, a number, markup, a list of these; null, undefined and booleans write nothing. */
export type HtmlValue = string | number | boolean | null | undefined | Html | readonly HtmlValue[];

function write(value: HtmlValue): string {
  if (typeof value === 'string') return escapeText(value);
  if (value instanceof Html) return value.text;
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  let out = '';
  for (const item of value) out += write(item);
  return out;
}

/** Markup from a template literal, every interpolated value escaped (see HtmlValue). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += write(values[i]) + strings[i + 1];
  return new Html(out);
}

/**
 * Pieces of a page in order: markup, parts prepared once for many pages, the token's slot,
 * lists of these; null, undefined and false add nothing.
 */
export type Piece = Html | PreparedPart | TokenSlot | null | undefined | false | readonly Piece[];

/** A page body as parts for preparePage: adjacent markup joined, prepared parts kept as they are. */
export function pageParts(...pieces: Piece[]): PagePart[] {
  const parts: PagePart[] = [];
  let text = '';
  const add = (piece: Piece): void => {
    if (!piece) return;
    if (piece instanceof Html) text += piece.text;
    else if (Array.isArray(piece)) for (const inner of piece) add(inner);
    else {
      if (text) parts.push(text);
      text = '';
      parts.push(piece as PreparedPart | TokenSlot);
    }
  };
  for (const piece of pieces) add(piece);
  if (text) parts.push(text);
  return parts;
}
