import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../../src/shared/errors.js';
import { detectFormat, htmlToText, loadDataset, parseCsv, splitExamples } from '../../src/spam/datasets.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/spam/${name}`, import.meta.url));

async function loadError(name: string): Promise<InvalidError> {
  const error = await loadDataset(fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidError);
  return error as InvalidError;
}

describe('dataset loaders', () => {
  it('reads the YouTube CSV: quotes, multi-line fields, HTML, entities, stray BOMs', async () => {
    const examples = await loadDataset(fixture('youtube-small.csv'));
    expect(examples).toEqual([
      { input: { content: "Check out my channel here http://bit.ly/x1!\nThanks 'all'", authorName: 'Ann & Bo' }, label: 'spam' },
      { input: { content: 'Great song,\nI love it', authorName: 'Carl' }, label: 'ham' },
      { input: { content: 'plain ham', authorName: 'Dee' }, label: 'ham' },
    ]);
  });

  it('reads the SMS TSV, decoding entities and skipping blank lines', async () => {
    const examples = await loadDataset(fixture('sms-small.tsv'));
    expect(examples.map((e) => e.label)).toEqual(['ham', 'spam', 'ham']);
    expect(examples[1].input.content).toBe('Free entry <3 win & text 87121');
  });

  it('detects the format from the content, not the file name', () => {
    expect(detectFormat('\ufeffCOMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n')).toBe('youtube-csv');
    expect(detectFormat('spam\tWIN\n')).toBe('sms-tsv');
    expect(detectFormat('label,text\n')).toBeUndefined();
  });

  it('names the file and line of a bad CLASS, counting lines inside quoted fields', async () => {
    const error = await loadError('youtube-bad-class.csv');
    expect(error.userMessage).toMatch(/youtube-bad-class\.csv:5: CLASS must be 0 or 1/);
    expect(error.details).toMatchObject({ line: 5 });
  });

  it('names the line where an unclosed quote opened', async () => {
    expect((await loadError('youtube-unclosed.csv')).userMessage).toMatch(/youtube-unclosed\.csv:3: unclosed quoted field/);
  });

  it('names the line of a bad SMS label', async () => {
    expect((await loadError('sms-bad-label.tsv')).userMessage).toMatch(/sms-bad-label\.tsv:3: expected "ham" or "spam"/);
  });

  it('refuses an unknown format and a missing file clearly', async () => {
    expect((await loadError('unknown.txt')).userMessage).toMatch(/unknown\.txt:1: unknown format/);
    expect((await loadError('missing.csv')).userMessage).toMatch(/missing\.csv: cannot read/);
  });

  it('parses RFC 4180 CSV', () => {
    expect(parseCsv('a,"b ""q"", c",\r\n"x\ny",z')).toEqual([
      { fields: ['a', 'b "q", c', ''], line: 1 },
      { fields: ['x\ny', 'z'], line: 2 },
    ]);
  });

  it('turns comment HTML into text', () => {
    expect(htmlToText('a<br />b <a href="http://x.io/?a=1&amp;b=2">link</a> &#39;c&#39; &quot;d&quot;<b>e</b>')).toBe(
      `a\nb link http://x.io/?a=1&b=2 'c' "d" e`,
    );
  });

  it('splits by a seed, stratified, with no overlap', () => {
    const examples = Array.from({ length: 100 }, (_, i) => ({
      input: { content: `m${i}` },
      label: i % 4 === 0 ? ('spam' as const) : ('ham' as const),
    }));
    const a = splitExamples(examples, 0.7, 1);
    expect(splitExamples(examples, 0.7, 1)).toEqual(a);
    expect(splitExamples(examples, 0.7, 2)).not.toEqual(a);
    // Each class is rounded on its own: 17.5 → 18 spam, 52.5 → 53 ham.
    expect(a.train.length).toBe(71);
    expect(a.train.filter((e) => e.label === 'spam').length).toBe(18);
    const trainSet = new Set(a.train.map((e) => e.input.content));
    expect(a.test.some((e) => trainSet.has(e.input.content))).toBe(false);
  });
});
