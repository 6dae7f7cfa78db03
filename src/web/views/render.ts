import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a page; preact escapes every text and attribute value unless told otherwise. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** JSON for a `<script type="application/ld+json">` block, safe against `</script>` in values. */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
