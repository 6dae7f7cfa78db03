import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { isAllowedEmbed, sanitizeArticleHtml } from '../../src/shared/html-sanitizer.js';

const payloads = readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'cite', 'data', 'dynsrc', 'lowsrc'];
const FORBIDDEN_ELEMENTS = 'script, style, form, input, button, object, embed, base, meta, link, svg, math, frame, frameset, body, textarea, select';

/** Every problem a browser could execute, found by parsing the output as a browser would. */
function dangers(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body><main>${html}</main></body></html>`);
  const root = document.querySelector('main')!;
  const found: string[] = [];
  for (const el of Array.from(root.querySelectorAll(FORBIDDEN_ELEMENTS))) found.push(`element <${el.tagName}>`);
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.tagName.toLowerCase() === 'iframe' && !isAllowedEmbed(el.getAttribute('src') ?? undefined)) found.push('iframe outside allow-list');
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`attribute ${name}`);
      if (name === 'style' || name === 'srcdoc') found.push(`attribute ${name}`);
      // A browser strips ASCII whitespace and control characters before reading the scheme.
      const squashed = attr.value.replace(/[\0-\x20]/g, '').toLowerCase();
      if (URL_ATTRIBUTES.includes(name) && /^(javascript|vbscript|data):/.test(squashed)) found.push(`${name}=${attr.value}`);
    }
  }
  return found;
}

describe('sanitizeArticleHtml against OWASP filter-evasion payloads', () => {
  it('the fixture holds a real set of payloads', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(60);
    expect(dangers(payloads.join('\n')).length).toBeGreaterThan(50);
  });

  it.each(payloads.map((p, i) => [i + 1, p]))('payload %i leaves nothing executable', (_n, payload) => {
    expect(dangers(sanitizeArticleHtml(payload as string))).toEqual([]);
    expect(dangers(sanitizeArticleHtml(payload as string, { baseUrl: 'https://news.example/a/b.html' }))).toEqual([]);
  });

  it('is safe on all payloads concatenated (cross-line tricks)', () => {
    expect(dangers(sanitizeArticleHtml(payloads.join('')))).toEqual([]);
  });
});

describe('sanitizeArticleHtml keeps article structure', () => {
  const base = { baseUrl: 'https://news.example/world/story.html' };

  it('makes links and images absolute, keeps alt text and adds rel=noopener', () => {
    const out = sanitizeArticleHtml('<p><a href="../about">About</a> <img src="/img/a.jpg" alt="A harbour"></p>', base);
    expect(out).toBe('<p><a href="https://news.example/about" rel="noopener">About</a> <img src="https://news.example/img/a.jpg" alt="A harbour" /></p>');
  });

  it('keeps relative URLs relative without a base, but never protocol-relative ones', () => {
    expect(sanitizeArticleHtml('<a href="/x">x</a><a href="//evil.example/">y</a>')).toBe(
      '<a href="/x" rel="noopener">x</a><a rel="noopener">y</a>',
    );
  });

  it('keeps allow-listed https embeds, sandboxed, and drops the rest', () => {
    const yt = '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" allowfullscreen></iframe>';
    const out = sanitizeArticleHtml(`${yt}<iframe src="https://ads.example/embed/1"></iframe><iframe src="http://player.vimeo.com/video/1"></iframe>`);
    expect(out).toContain('src="https://www.youtube.com/embed/dQw4w9WgXcQ"');
    expect(out).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"');
    expect(out.match(/<iframe/g)).toHaveLength(1);
  });

  it('drops scripts and styles with their content but keeps text of unknown tags', () => {
    expect(sanitizeArticleHtml('<custom>Kept</custom><script>lost()</script><style>p{}</style><h1>Head</h1>')).toBe('Kept<h2>Head</h2>');
  });

  it('drops images whose only source is a data: URL', () => {
    expect(sanitizeArticleHtml('<p>a<img src="data:image/png;base64,AAAA" alt="x">b</p>')).toBe('<p>ab</p>');
  });
});
