import { articleOfCommentsChange, type ChangeNotifier } from '../../../shared/change-notifier.js';
import { type PreparedPart, preparePart } from '../../plugins/page-cache.js';
import { fillTimes } from './comment-list-html.js';
import type { CommentsSectionHtml } from './comments-section.js';

/** A comments section ready to go into a page: the listing encoded for this moment, the rest as markup. */
export interface PreparedCommentsSection {
  listing: PreparedPart;
  /** Holds the form's token placeholder: filled in at send time. */
  tail: string;
}

interface Entry {
  rendered: Promise<CommentsSectionHtml>;
  /** The listing with its relative times written, while they read the same. */
  filled?: { language: string; from: number; until: number; part: PreparedPart };
  bytes: number;
}

export interface CommentSectionCache {
  /**
   * The shared comments section of an Article in one variant (comment page, order, open or
   * closed): rendered by `render` once per change to the Article's comments, its relative
   * times filled for `now` and encoded once per change of their text. Only for sections every
   * reader sees alike: never one showing a reader their own pending comment.
   */
  get(articleId: number, variant: string, now: Date, language: string, render: () => Promise<CommentsSectionHtml>): Promise<PreparedCommentsSection>;
  readonly size: number;
}

/**
 * Comment sections kept until a change notification says they changed: one Article's on a
 * `comments:<id>` notification (a comment approved, edited, unapproved or deleted there),
 * every one on any other (comment settings, the site's language or an Article's address
 * change them all). Bounded by the memory they hold, dropping the oldest Articles first.
 */
export function createCommentSectionCache(deps: { changes: ChangeNotifier; maxBytes?: number }): CommentSectionCache {
  const byArticle = new Map<number, Map<string, Entry>>();
  const maxBytes = deps.maxBytes ?? 32 * 2 ** 20;
  let bytes = 0;

  const drop = (articleId: number) => {
    for (const entry of byArticle.get(articleId)?.values() ?? []) bytes -= entry.bytes;
    byArticle.delete(articleId);
  };
  const grow = (entry: Entry, by: number) => {
    entry.bytes += by;
    bytes += by;
    while (bytes > maxBytes && byArticle.size > 1) drop(byArticle.keys().next().value as number);
  };
  deps.changes.subscribe((reason) => {
    const articleId = articleOfCommentsChange(reason);
    if (articleId !== undefined) return drop(articleId);
    byArticle.clear();
    bytes = 0;
  });

  return {
    async get(articleId, variant, now, language, render) {
      let variants = byArticle.get(articleId);
      if (!variants) {
        variants = new Map();
        byArticle.set(articleId, variants);
      }
      const held = (e: Entry) => byArticle.get(articleId) === variants && variants.get(variant) === e;
      let entry = variants.get(variant);
      if (!entry) {
        const created: Entry = { rendered: render(), bytes: 0 };
        entry = created;
        variants.set(variant, created);
        created.rendered.then(
          (html) => {
            if (held(created)) grow(created, html.listing.parts.reduce((n, p) => n + p.length, html.tail.length));
          },
          () => {
            // A failed render is not remembered: the next reader tries again.
            if (held(created)) variants.delete(variant);
          },
        );
      }
      // A section dropped while this request waited still serves it: it was current when the request came.
      const html = await entry.rendered;
      const at = now.getTime();
      const { filled } = entry;
      if (filled && filled.language === language && at >= filled.from && at < filled.until) return { listing: filled.part, tail: html.tail };
      const written = fillTimes(html.listing, now, language);
      const part = preparePart(written.html);
      if (held(entry)) {
        grow(entry, part.bytes.length - (filled?.part.bytes.length ?? 0));
        entry.filled = { language, from: at, until: written.changesAt, part };
      }
      return { listing: part, tail: html.tail };
    },
    get size() {
      return bytes;
    },
  };
}
