import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type PagePart, type PreparedPart, preparePart } from '../plugins/page-cache.js';
import { type Html, html, type Piece, pageParts, raw } from './html.js';
import { jsonLd } from './render.js';
import type { SiteChrome } from './site-chrome.js';

export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute canonical URL of this page. */
  canonical?: string;
  ogType?: 'website' | 'article';
  image?: string;
  structuredData?: unknown[];
  feeds?: { title: string; path: string }[];
  robots?: string;
  extraMeta?: { property: string; content: string }[];
}

function headHtml(chrome: SiteChrome, meta: PageMeta): Html {
  const { settings } = chrome;
  const fullTitle = meta.title === settings.title ? meta.title : html`${meta.title} &mdash; ${settings.title}`;
  const feeds = meta.feeds ?? [{ title: settings.title, path: '/feed.xml' }];
  return html`<meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${fullTitle}</title>${
    meta.description && html`<meta name="description" content="${meta.description}"/>`
  }${meta.robots && html`<meta name="robots" content="${meta.robots}"/>`}${
    meta.canonical && html`<link rel="canonical" href="${meta.canonical}"/>`
  }<meta name="color-scheme" content="light dark"/><link rel="stylesheet" href="${chrome.stylesheetHref}"/>${feeds.map(
    (f) =>
      html`<link rel="alternate" type="application/rss+xml" title="${`${f.title} (RSS)`}" href="${f.path}"/><link rel="alternate" type="application/atom+xml" title="${`${f.title} (Atom)`}" href="${f.path.replace(/\.xml$/, '.atom')}"/><link rel="alternate" type="application/feed+json" title="${`${f.title} (JSON Feed)`}" href="${f.path.replace(/\.xml$/, '.json')}"/>`,
  )}<meta property="og:site_name" content="${settings.title}"/><meta property="og:title" content="${meta.title}"/><meta property="og:type" content="${meta.ogType ?? 'website'}"/>${
    meta.canonical && html`<meta property="og:url" content="${meta.canonical}"/>`
  }${meta.description && html`<meta property="og:description" content="${meta.description}"/>`}${
    meta.image && html`<meta property="og:image" content="${meta.image}"/>`
  }<meta property="og:locale" content="${settings.language.replace('-', '_')}"/>${meta.extraMeta?.map(
    (m) => html`<meta property="${m.property}" content="${m.content}"/>`,
  )}<meta name="twitter:card" content="${meta.image ? 'summary_large_image' : 'summary'}"/><meta name="twitter:title" content="${meta.title}"/>${
    meta.description && html`<meta name="twitter:description" content="${meta.description}"/>`
  }${
    // Raw on purpose: jsonLd() escapes <, > and &, so no value can close the script element.
    meta.structuredData?.map((data) => html`<script type="application/ld+json">${raw(jsonLd(data))}</script>`)
  }`;
}

/** The masthead and footer, the same on every page while the chrome is: rendered and encoded once per chrome. */
interface Shell {
  masthead: PreparedPart;
  footer: PreparedPart;
}
const shells = new WeakMap<SiteChrome, Shell>();

function shellFor(chrome: SiteChrome): Shell {
  let shell = shells.get(chrome);
  if (!shell) {
    const { settings } = chrome;
    shell = {
      masthead: preparePart(
        renderToString(
          <header class="masthead">
            <div class="wrap">
              <p class="site-title">
                <a href="/">{settings.title}</a>
              </p>
              {settings.description && <p class="site-description">{settings.description}</p>}
              <nav aria-label="Sections" class="sections-nav">
                <ul>
                  <li>
                    <a href="/">Home</a>
                  </li>
                  {chrome.sections.map((s) => (
                    <li>
                      <a href={`/${s.path}/`}>{s.name}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </header>,
        ),
      ),
      footer: preparePart(
        html`<footer class="site-footer"><div class="wrap"><p>&copy; ${settings.publisherName || settings.title} &middot; <a href="/privacy">Privacy</a> &middot; <a href="/feed.xml">RSS</a> &middot; <a href="/feed.atom">Atom</a> &middot; <a href="/feed.json">JSON Feed</a> &middot; <a href="/sitemap.xml">Sitemap</a></p></div></footer>`.text,
      ),
    };
    shells.set(chrome, shell);
  }
  return shell;
}

/** Everything inside `<html>`: the head built from `meta`, the masthead, `main` and the footer. */
function htmlContent(chrome: SiteChrome, meta: PageMeta, main: Piece): Piece[] {
  const shell = shellFor(chrome);
  return [
    html`<head>${headHtml(chrome, meta)}</head><body><a class="skip-link" href="#main">Skip to content</a>`,
    shell.masthead,
    html`<main id="main" class="wrap">`,
    main,
    html`</main>`,
    shell.footer,
    html`</body>`,
  ];
}

/** A whole public page, as parts for preparePage; `main` is the page's own content. */
export function layoutParts(chrome: SiteChrome, meta: PageMeta, main: Piece): PagePart[] {
  return pageParts(html`<!doctype html><html lang="${chrome.settings.language}">`, htmlContent(chrome, meta, main), html`</html>`);
}

/** The same page for views written in JSX (error and privacy pages), to render with renderPage. */
export function Layout(props: { chrome: SiteChrome; meta: PageMeta; children: VNode }) {
  const content = pageParts(htmlContent(props.chrome, props.meta, raw(renderToString(props.children))));
  // Raw on purpose: every piece is built with `html` or preact, which escape every value.
  return <html lang={props.chrome.settings.language} dangerouslySetInnerHTML={{ __html: content.map((p) => (typeof p === 'string' ? p : 'html' in p ? p.html : '')).join('') }} />;
}
