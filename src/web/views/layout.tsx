import type { ComponentChildren } from 'preact';
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

export function Layout(props: { chrome: SiteChrome; meta: PageMeta; children: ComponentChildren }) {
  const { chrome, meta } = props;
  const { settings } = chrome;
  const fullTitle = meta.title === settings.title ? meta.title : `${meta.title} — ${settings.title}`;
  const feeds = meta.feeds ?? [{ title: settings.title, path: '/feed.xml' }];
  return (
    <html lang={settings.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {meta.description && <meta name="description" content={meta.description} />}
        {meta.robots && <meta name="robots" content={meta.robots} />}
        {meta.canonical && <link rel="canonical" href={meta.canonical} />}
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={chrome.stylesheetHref} />
        {feeds.map((f) => (
          <>
            <link rel="alternate" type="application/rss+xml" title={`${f.title} (RSS)`} href={f.path} />
            <link rel="alternate" type="application/atom+xml" title={`${f.title} (Atom)`} href={f.path.replace(/\.xml$/, '.atom')} />
            <link rel="alternate" type="application/feed+json" title={`${f.title} (JSON Feed)`} href={f.path.replace(/\.xml$/, '.json')} />
          </>
        ))}
        <meta property="og:site_name" content={settings.title} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        {meta.canonical && <meta property="og:url" content={meta.canonical} />}
        {meta.description && <meta property="og:description" content={meta.description} />}
        {meta.image && <meta property="og:image" content={meta.image} />}
        <meta property="og:locale" content={settings.language.replace('-', '_')} />
        {meta.extraMeta?.map((m) => (
          <meta property={m.property} content={m.content} />
        ))}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={meta.title} />
        {meta.description && <meta name="twitter:description" content={meta.description} />}
        {meta.structuredData?.map((data) => (
          // Raw on purpose: jsonLd() escapes <, > and &, so no value can close the script element.
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(data) }} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
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
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              © {settings.publisherName || settings.title} · <a href="/privacy">Privacy</a> · <a href="/feed.xml">RSS</a> · <a href="/feed.atom">Atom</a> ·{' '}
              <a href="/feed.json">JSON Feed</a> · <a href="/sitemap.xml">Sitemap</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
