import { readFileSync } from 'node:fs';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { preparePart } from '../../src/web/plugins/page-cache.js';
import { html, pageParts, raw } from '../../src/web/views/html.js';

const payloads = readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length >= 2);

describe('html templates', () => {
  it('escapes every value in text and attributes exactly as preact does', () => {
    for (const value of [...payloads, `"quoted" & <tagged> 'single' → “typographic”`]) {
      expect(html`<p title="${value}">${value}</p>`.text).toBe(renderToString(<p title={value}>{value}</p>));
    }
  });

  it('writes nested markup and raw markup as is, lists in order, and nothing for null, undefined and booleans', () => {
    const item = (name: string) => html`<li>${name}</li>`;
    expect(html`<ul>${['a<', 'b'].map(item)}</ul>${null}${undefined}${false}${true}${0}`.text).toBe('<ul><li>a&lt;</li><li>b</li></ul>0');
    expect(html`<div>${raw('<em>sanitised elsewhere</em>')}</div>`.text).toBe('<div><em>sanitised elsewhere</em></div>');
  });

  it('joins markup between prepared parts and keeps the parts as they are', () => {
    const part = preparePart('<p>prepared</p>');
    expect(pageParts(html`<a>`, false, [html`<b>`, part, null], html`<c>`, [[part]])).toEqual(['<a><b>', part, '<c>', part]);
  });
});
