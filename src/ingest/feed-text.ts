import { linkedom } from './linkedom.js';

let scratch: { createElement(tag: string): HTMLElement } | undefined;

/** Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return collapse(html);
  scratch ??= linkedom().parseHTML('<!doctype html><html><body></body></html>').document;
  const holder = scratch.createElement('div');
  holder.innerHTML = html;
  for (const el of Array.from(holder.querySelectorAll('script, style, template'))) el.remove();
  // A line break or block boundary must stay a word boundary once the tags are gone.
  for (const el of Array.from(holder.querySelectorAll('br, p, div, li, h1, h2, h3, h4, h5, h6'))) el.after(' ');
  return collapse(holder.textContent ?? '');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Escapes text so it can be used as HTML. */
export function textToHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n{2,}/g, '<br><br>');
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes what an XML parser would for raw element content: CDATA sections are unwrapped and the
 * five predefined and numeric entities decoded. Other named entities are left for HTML to read.
 */
export function decodeRawXml(raw: string): string {
  let out = '';
  let rest = raw;
  for (;;) {
    const start = rest.indexOf('<![CDATA[');
    if (start < 0) return out + decodeEntities(rest);
    const end = rest.indexOf(']]>', start + 9);
    out += decodeEntities(rest.slice(0, start)) + rest.slice(start + 9, end < 0 ? undefined : end);
    if (end < 0) return out;
    rest = rest.slice(end + 3);
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return XML_ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Resolves `value` against `base`; returns it only when the result is an http(s) URL. */
export function resolveHttpUrl(value: string | undefined, base: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves a possibly relative base (xml:base) against its parent base. */
export function resolveBase(value: string | undefined, parent: string | undefined): string | undefined {
  if (!value?.trim()) return parent;
  try {
    return new URL(value.trim(), parent).href;
  } catch {
    return parent;
  }
}

// Zone names V8's Date parser does not know but feeds use.
const ZONES: Record<string, string> = {
  BST: '+0100',
  CET: '+0100',
  CEST: '+0200',
  MEZ: '+0100',
  MESZ: '+0200',
  EET: '+0200',
  EEST: '+0300',
  WET: '+0000',
  WEST: '+0100',
  IST: '+0530',
  JST: '+0900',
  AEST: '+1000',
  AEDT: '+1100',
};

/** Parses RFC 822 and ISO 8601 dates as feeds write them; undefined when it cannot. */
export function parseFeedDate(value: string | undefined): Date | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const direct = new Date(text);
  if (!Number.isNaN(direct.getTime())) return direct;
  const englished = text
    .replace(/^[^\d\s,]+,\s*/u, '')
    .replace(/(?<=^\d{1,2}\s+)[^\d\s]+/u, (month) => MONTHS[month.toLowerCase().replace(/\.$/, '')] ?? month)
    .replace(/\b([A-Z]{3,4})$/, (zone) => ZONES[zone] ?? zone);
  const retried = new Date(englished);
  return Number.isNaN(retried.getTime()) ? undefined : retried;
}

// RFC 822 dates written in another language ("Seg, 24 Set 2018"): month abbreviations we have met.
const MONTHS: Record<string, string> = Object.fromEntries(
  [
    ['Jan', 'jan janv ene gen'],
    ['Feb', 'feb fev fév févr fevr'],
    ['Mar', 'mar mär märz mars'],
    ['Apr', 'apr abr avr'],
    ['May', 'mai may mayo mag'],
    ['Jun', 'jun juin giu'],
    ['Jul', 'jul juil lug'],
    ['Aug', 'aug ago août aou'],
    ['Sep', 'sep set sept'],
    ['Oct', 'oct okt out ott'],
    ['Nov', 'nov'],
    ['Dec', 'dec dez dic déc'],
  ].flatMap(([english, names]) => names.split(' ').map((name) => [name, english])),
);
