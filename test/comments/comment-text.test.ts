import { existsSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderCommentText } from '../../src/comments/comment-text.js';

const REL = 'rel="nofollow ugc noopener"';

function payloads(): string[] {
  const files = [new URL('../fixtures/xss-payloads.txt', import.meta.url), new URL('../fixtures/comments/xss-payloads.txt', import.meta.url)];
  return files
    .filter((file) => existsSync(file))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
    .filter((line) => line.trim() !== '');
}

/** Fails unless the HTML has only p, br and a[href^=http][rel] elements. */
function assertSafe(html: string): void {
  expect(html.toLowerCase()).not.toContain('<script');
  // Textual check: every tag is one of the five shapes the renderer may emit.
  const stripped = html.replace(/<p>|<\/p>|<br>|<\/a>|<a href="https?:\/\/[^"<>]*" rel="nofollow ugc noopener">/g, '');
  expect(stripped).not.toMatch(/[<>]/);
  // Structural check: what a browser would build from it.
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    const tag = element.tagName.toLowerCase();
    expect(['p', 'br', 'a']).toContain(tag);
    const names = element.getAttributeNames();
    if (tag === 'a') {
      expect(names.sort()).toEqual(['href', 'rel']);
      expect(element.getAttribute('href')).toMatch(/^https?:\/\//);
      expect(element.getAttribute('rel')).toBe('nofollow ugc noopener');
    } else {
      expect(names).toEqual([]);
    }
  }
}

describe('renderCommentText', () => {
  it('wraps text in a paragraph and splits paragraphs on blank lines', () => {
    expect(renderCommentText('One.\n\nTwo.\n   \n\n\nThree.')).toBe('<p>One.</p><p>Two.</p><p>Three.</p>');
  });

  it('turns single line breaks (any convention) into <br>', () => {
    expect(renderCommentText('a\nb\r\nc\rd')).toBe('<p>a<br>b<br>c<br>d</p>');
  });

  it('trims the text and returns an empty string for blank input', () => {
    expect(renderCommentText('  \n hi \n\n ')).toBe('<p>hi</p>');
    expect(renderCommentText(' \n\t\n ')).toBe('');
  });

  it('escapes every HTML-significant character', () => {
    expect(renderCommentText(`<b>"Tom" & 'Jerry'</b>`)).toBe('<p>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p>');
  });

  it('leaves entities and Markdown as literal text', () => {
    expect(renderCommentText('&lt;b&gt; **bold** [x](https://e.com)')).toContain('&amp;lt;b&amp;gt; **bold** [x](');
  });

  it('removes control characters but keeps tabs', () => {
    expect(renderCommentText('a\u0000b\u0007c\td')).toBe('<p>abc\td</p>');
  });

  it('links http and https URLs', () => {
    expect(renderCommentText('See https://example.com/a?b=1&c=2 now')).toBe(
      `<p>See <a href="https://example.com/a?b=1&amp;c=2" ${REL}>https://example.com/a?b=1&amp;c=2</a> now</p>`,
    );
    expect(renderCommentText('http://example.org')).toBe(`<p><a href="http://example.org/" ${REL}>http://example.org</a></p>`);
  });

  it('links www. addresses over https', () => {
    expect(renderCommentText('go to www.example.com/path')).toBe(
      `<p>go to <a href="https://www.example.com/path" ${REL}>www.example.com/path</a></p>`,
    );
  });

  it.each([
    ['Read https://example.com.', 'https://example.com', '.'],
    ['Really? https://example.com/a?!', 'https://example.com/a', '?!'],
    ['(see https://example.com/x)', 'https://example.com/x', ')'],
    ['"https://example.com/q"', 'https://example.com/q', '"'],
    ['list: https://example.com/1, https://example.com/2;', 'https://example.com/2', ';'],
  ])('keeps trailing punctuation out of the link: %s', (input, linkText, after) => {
    const html = renderCommentText(input);
    const escapedAfter = after.replace('"', '&quot;');
    expect(html).toContain(`>${linkText}</a>${escapedAfter}`);
  });

  it('keeps balanced parentheses inside the link', () => {
    expect(renderCommentText('https://en.wikipedia.org/wiki/Mercury_(planet)')).toContain(
      '>https://en.wikipedia.org/wiki/Mercury_(planet)</a>',
    );
  });

  it('does not link other schemes, bare domains, emails or a lone scheme', () => {
    for (const text of ['javascript:alert(1)', 'ftp://example.com', 'example.com', 'me@www.example.com', 'https://', 'www.']) {
      expect(renderCommentText(text)).not.toContain('<a');
    }
  });

  it('links several URLs on several lines', () => {
    const html = renderCommentText('https://a.example\nwww.b.example\n\nhttps://c.example');
    expect(html.match(/<a /g)).toHaveLength(3);
    assertSafe(html);
  });

  it('renders every XSS payload as inert text', () => {
    const list = payloads();
    expect(list.length).toBeGreaterThan(15);
    for (const payload of list) assertSafe(renderCommentText(payload));
    // All payloads at once: the paragraph and line logic must not open a gap either.
    assertSafe(renderCommentText(list.join('\n')));
  });

  it('keeps quote-breaking URLs from adding attributes', () => {
    const html = renderCommentText('https://example.com/"onmouseover="alert(1)');
    expect(html).toBe(`<p><a href="https://example.com/" ${REL}>https://example.com/</a>&quot;onmouseover=&quot;alert(1)</p>`);
  });
});
