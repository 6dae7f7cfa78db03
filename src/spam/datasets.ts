/**
 * Loaders for labelled corpora, format detected from the content:
 * - YouTube Spam Collection CSV: header `COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS` (1 = spam),
 *   RFC 4180 quoting, raw HTML and entities in CONTENT, stray U+FEFF;
 * - SMS Spam Collection TSV: `ham|spam<TAB>text` per line, HTML entities in the text.
 * Anything else throws `InvalidError` naming the file and line.
 */
import { readFile } from 'node:fs/promises';
import { InvalidError } from '../shared/errors.js';
import { seededRandom, shuffled } from '../shared/random.js';
import type { LabelledExample } from './train.js';

export type DatasetFormat = 'youtube-csv' | 'sms-tsv';

const YOUTUBE_HEADER = ['COMMENT_ID', 'AUTHOR', 'DATE', 'CONTENT', 'CLASS'];

/** Reads and parses one dataset file. */
export async function loadDataset(path: string): Promise<LabelledExample[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new InvalidError('SPAM_DATASET_UNREADABLE', `${path}: cannot read the file`, { cause });
  }
  return parseDataset(text, path);
}

export function detectFormat(text: string): DatasetFormat | undefined {
  const first = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  if (first.split(',').map((s) => s.trim()).join(',') === YOUTUBE_HEADER.join(',')) return 'youtube-csv';
  if (/^(ham|spam)\t/.test(first)) return 'sms-tsv';
  return undefined;
}

/** Parses dataset text; `file` only names the source in errors. */
export function parseDataset(text: string, file: string): LabelledExample[] {
  const format = detectFormat(text);
  if (format === 'youtube-csv') return parseYoutube(text, file);
  if (format === 'sms-tsv') return parseSms(text, file);
  throw invalid(file, 1, 'unknown format (expected the YouTube Spam Collection CSV or the SMS Spam Collection TSV)');
}

function invalid(file: string, line: number, message: string): InvalidError {
  return new InvalidError('SPAM_DATASET_INVALID', `${file}:${line}: ${message}`, { details: { file, line } });
}

function parseSms(text: string, file: string): LabelledExample[] {
  const out: LabelledExample[] = [];
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const tab = line.indexOf('\t');
      const label = tab < 0 ? '' : line.slice(0, tab);
      if (label !== 'ham' && label !== 'spam') throw invalid(file, i + 1, 'expected "ham" or "spam", a tab, then the text');
      out.push({ input: { content: decodeEntities(line.slice(tab + 1)) }, label });
    });
  if (out.length === 0) throw invalid(file, 1, 'no examples');
  return out;
}

function parseYoutube(text: string, file: string): LabelledExample[] {
  const rows = parseCsv(text.replace(/^\ufeff/, ''), file);
  const out: LabelledExample[] = [];
  for (const { fields, line } of rows.slice(1)) {
    if (fields.length === 1 && fields[0].trim() === '') continue;
    if (fields.length !== YOUTUBE_HEADER.length) {
      throw invalid(file, line, `expected ${YOUTUBE_HEADER.length} fields, found ${fields.length}`);
    }
    const klass = fields[4].replace(/\ufeff/g, '').trim();
    if (klass !== '0' && klass !== '1') throw invalid(file, line, `CLASS must be 0 or 1, found "${klass}"`);
    out.push({
      input: { content: htmlToText(fields[3]), authorName: decodeEntities(fields[1]).trim() || undefined },
      label: klass === '1' ? 'spam' : 'ham',
    });
  }
  if (out.length === 0) throw invalid(file, 2, 'no examples');
  return out;
}

/** RFC 4180 rows, each with the line number where it starts; throws on an unclosed quote. */
export function parseCsv(text: string, file = 'input'): Array<{ fields: string[]; line: number }> {
  const rows: Array<{ fields: string[]; line: number }> = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ fields, line: rowLine });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw invalid(file, quoteLine, 'unclosed quoted field');
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ fields, line: rowLine });
  }
  return rows;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', pound: '£', euro: '€' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** HTML comment → plain text: line breaks kept, link targets kept next to their text. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/\ufeff/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<a\s[^>]*href\s*=\s*"([^"]*)"[^>]*>(.*?)<\/a>/gis, (_m, href: string, inner: string) =>
      inner.trim() === href.trim() ? href : `${inner} ${href}`,
    )
    .replace(/<[^>]+>/g, ' ');
  return decodeEntities(text).trim();
}

/** A seeded, stratified split: `fraction` of each class goes to `train`, the rest to `test`. */
export function splitExamples(
  examples: readonly LabelledExample[],
  fraction: number,
  seed: number,
): { train: LabelledExample[]; test: LabelledExample[] } {
  const random = seededRandom(seed);
  const train: LabelledExample[] = [];
  const test: LabelledExample[] = [];
  for (const label of ['spam', 'ham'] as const) {
    const members = shuffled(
      examples.filter((e) => e.label === label),
      random,
    );
    const cut = Math.round(members.length * fraction);
    train.push(...members.slice(0, cut));
    test.push(...members.slice(cut));
  }
  return { train, test };
}
