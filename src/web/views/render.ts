import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a page; preact escapes every text and attribute value unless told otherwise. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

const jsonEscapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

/** JSON for a `<script type="application/ld+json">` block, safe against `</script>` in values. */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => jsonEscapes[c]);
}
