import sanitizeHtml from 'sanitize-html';

/**
 * Embeds we let through as iframes: https only, these hosts, these path prefixes. Each is a
 * player page run by the provider; anything else (ads, trackers, arbitrary pages) is dropped.
 */
const EMBEDS: ReadonlyArray<{ host: string; path: string }> = [
  { host: 'www.youtube.com', path: '/embed/' },
  { host: 'www.youtube-nocookie.com', path: '/embed/' },
  { host: 'player.vimeo.com', path: '/video/' },
  { host: 'platform.twitter.com', path: '/embed/' },
  { host: 'embed.x.com', path: '/' },
];

const URL_SCHEMES = ['http', 'https', 'mailto'];

export interface SanitizeOptions {
  /** Absolute URL that relative links and image sources are resolved against. */
  baseUrl?: string;
}

/** True when `src` is an https URL of an allow-listed embed player. */
export function isAllowedEmbed(src: string | undefined): boolean {
  if (!src) return false;
  try {
    const url = new URL(src);
    return url.protocol === 'https:' && EMBEDS.some((e) => url.hostname === e.host && url.pathname.startsWith(e.path));
  } catch {
    return false;
  }
}

/**
 * Cleans article HTML from outside (feeds, extracted pages) so it can be stored and rendered raw.
 * Guarantees: only allow-listed tags and attributes; no scripts, styles, style attributes, event
 * handlers, forms, objects or SVG; URLs only http(s) (and mailto for links), so never
 * `javascript:`, `vbscript:` or `data:`; iframes only for allow-listed https embeds, sandboxed;
 * with `baseUrl`, relative `href`/`src` become absolute and ones that cannot be resolved are
 * dropped; every link gets `rel="noopener"`. `srcset` is dropped rather than rewritten.
 */
export function sanitizeArticleHtml(html: string, options: SanitizeOptions = {}): string {
  const absolute = (value: string | undefined): string | undefined => resolve(value, options.baseUrl);
  return sanitizeHtml(html, {
    allowedTags: [
      'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong', 'b', 'i', 'u',
      's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'q', 'cite', 'abbr', 'time', 'ul', 'ol', 'li', 'dl', 'dt',
      'dd', 'a', 'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
      'div', 'span', 'iframe',
    ],
    allowedAttributes: {
      '*': ['lang', 'dir'],
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      iframe: ['src', 'width', 'height', 'title', 'allowfullscreen', 'sandbox'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      time: ['datetime'],
      abbr: ['title'],
      ol: ['start', 'reversed'],
    },
    allowedSchemes: URL_SCHEMES,
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowedIframeHostnames: EMBEDS.map((e) => e.host),
    allowIframeRelativeUrls: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'xmp', 'noembed', 'noframes'],
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => {
        const href = absolute(attribs.href);
        const next: Record<string, string> = { ...attribs, rel: 'noopener' };
        if (href === undefined) delete next.href;
        else next.href = href;
        return { tagName, attribs: next };
      },
      img: (tagName, attribs) => {
        const src = absolute(attribs.src);
        const next: Record<string, string> = { ...attribs, alt: attribs.alt ?? '' };
        if (src === undefined) delete next.src;
        else next.src = src;
        return { tagName, attribs: next };
      },
      iframe: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, sandbox: 'allow-scripts allow-same-origin allow-popups allow-presentation' },
      }),
    },
    exclusiveFilter: (frame) =>
      (frame.tag === 'iframe' && !isAllowedEmbed(frame.attribs.src)) || (frame.tag === 'img' && !frame.attribs.src),
  });
}

/**
 * With a base, resolves to an absolute http(s)/mailto URL or nothing. Without one, relative URLs
 * are kept as they are and absolute ones must use an allowed scheme.
 */
function resolve(value: string | undefined, baseUrl: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = baseUrl ? new URL(value, baseUrl) : new URL(value);
    return URL_SCHEMES.includes(url.protocol.slice(0, -1)) ? url.href : undefined;
  } catch {
    // Not absolute and no base: keep a plain relative path, refuse anything scheme-like.
    const squashed = value.replace(/[\p{Cc}\s]/gu, '');
    return baseUrl || /^[a-z][a-z0-9+.-]*:/i.test(squashed) || /^[\\/]{2}/.test(squashed) ? undefined : value;
  }
}
