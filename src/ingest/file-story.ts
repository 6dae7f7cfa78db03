import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ArticleFilingService, IngestedArticle, Source } from '../content/index.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../shared/actor.js';
import { detectAttribution } from './attribution.js';
import type { FeedItem } from './feed-types.js';
import { htmlToText } from './feed-text.js';
import { fingerprintOfTokens, fingerprintTokens } from './fingerprint.js';
import type { FingerprintStore } from './fingerprint-store.js';
import { FULL_TEXT_MAX_ATTEMPTS, fetchFullText, fullTextRetryDelayMs, needsFullText, type PageFetcher } from './full-text.js';
import { createIngestRepository, type IngestItemRow } from './ingest-repository.js';
import { type SuggestTagsOptions, suggestTags } from './tagging.js';

export type NearDuplicatePolicy = 'skip' | 'link' | 'keep';
export type ItemOutcome = 'new' | 'updated' | 'duplicate';

/** Texts shorter than this (in words) give unreliable fingerprints: no near-duplicate check. */
const MIN_FINGERPRINT_WORDS = 20;

/** What filing the items of one poll shares. */
export interface FilingContext {
  db: Kysely<Database>;
  filing: ArticleFilingService;
  fingerprints: FingerprintStore;
  actor: Actor;
  source: Source;
  sectionId(item: FeedItem): number | undefined;
  policy: NearDuplicatePolicy;
  tagOptions: SuggestTagsOptions;
  now: Date;
  /** Undefined when full-text fetching is off: items keep their feed text. */
  fetchPage?: PageFetcher;
  /** Page fetches left in this poll; items past it are stored with feed text and retried later. */
  fullTextBudget: { remaining: number };
  /** GUIDs and URLs filed in this poll: a feed repeating an item files it once. */
  seen: Set<string>;
  /** Serialises the near-duplicate check with the write, so two items cannot both miss each other. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** An item made ready to file: the parts every phase needs. */
interface PreparedItem {
  item: FeedItem;
  guid: string;
  hash: string;
  title: string;
  originalPublisher: string | null;
}

type FullTextState = { full_text: 'none' | 'done' | 'pending' | 'gave-up'; full_text_attempts: number; full_text_retry_at: string | null };

/**
 * Files one item: unchanged → duplicate; same GUID or URL with new text → the article is
 * updated (unless an editor changed it since); new → near-duplicate policy, then a new article.
 * Each write (article, tags, attribution, ingest's record of the item) is one transaction, so a
 * crash leaves either all of it or none, and the next poll files what is missing.
 * Throws only for an item that cannot be filed at all; the caller counts it as failed.
 */
export async function fileItem(ctx: FilingContext, item: FeedItem): Promise<ItemOutcome> {
  const prepared = prepare(item);
  const keys = [`g:${prepared.guid}`, `u:${item.url}`];
  if (keys.some((k) => ctx.seen.has(k))) return 'duplicate';
  for (const key of keys) ctx.seen.add(key);
  const repo = createIngestRepository(ctx.db);
  const known = await repo.findItem(ctx.source.id, prepared.guid, item.url);
  if (known) return refile(ctx, prepared, known);
  return fileNew(ctx, prepared);
}

function prepare(item: FeedItem): PreparedItem {
  const credit = detectAttribution(item.title);
  const text = item.title || htmlToText(item.contentHtml ?? item.summaryHtml ?? '').slice(0, 120) || item.url;
  const hash = createHash('sha1')
    .update([item.url, item.title, item.contentHtml ?? '', item.summaryHtml ?? ''].join('\u0000'))
    .digest('hex');
  // GUIDs are opaque and sometimes huge (whole URLs with tracking); keep an index-friendly key.
  const guid = item.guid.length > 500 ? `sha1:${createHash('sha1').update(item.guid).digest('hex')}` : item.guid;
  return { item, guid, hash, title: credit?.cleanTitle ?? text, originalPublisher: credit?.originalPublisher ?? null };
}

async function bodyFor(ctx: FilingContext, item: FeedItem): Promise<{ html: string; state: FullTextState }> {
  const feedHtml = item.contentHtml ?? item.summaryHtml ?? '';
  if (!ctx.fetchPage || !needsFullText(item)) return { html: feedHtml, state: { full_text: 'none', full_text_attempts: 0, full_text_retry_at: null } };
  if (ctx.fullTextBudget.remaining <= 0) {
    return { html: feedHtml, state: { full_text: 'pending', full_text_attempts: 0, full_text_retry_at: ctx.now.toISOString() } };
  }
  ctx.fullTextBudget.remaining--;
  const result = await fetchFullText(ctx.fetchPage, item.url);
  if (result.ok) return { html: result.html, state: { full_text: 'done', full_text_attempts: 1, full_text_retry_at: null } };
  return {
    html: feedHtml,
    state: { full_text: 'pending', full_text_attempts: 1, full_text_retry_at: new Date(ctx.now.getTime() + fullTextRetryDelayMs(1)).toISOString() },
  };
}

function fingerprintOf(title: string, text: string): string | null {
  const words = fingerprintTokens(`${title} ${text}`);
  return words.length >= MIN_FINGERPRINT_WORDS ? fingerprintOfTokens(words) : null;
}

async function articleInput(ctx: FilingContext, p: PreparedItem, bodyHtml: string, text: string, fingerprint: string | null, sectionId: number): Promise<IngestedArticle> {
  const published = p.item.publishedAt && p.item.publishedAt.getTime() <= ctx.now.getTime() ? p.item.publishedAt : ctx.now;
  return {
    title: p.title,
    bodyHtml: bodyHtml || `<p><a href="${p.item.url.replace(/"/g, '&quot;')}">${p.item.url.replace(/</g, '&lt;')}</a></p>`,
    sectionId,
    sourceId: ctx.source.id,
    originalUrl: p.item.url,
    originalPublisher: p.originalPublisher,
    feedGuid: p.guid,
    status: ctx.source.policy === 'publish' ? 'published' : 'draft',
    publishedAt: ctx.source.policy === 'publish' ? published : null,
    // The original title, so a credited publisher ("WSJ: …") can become a tag too.
    tags: await suggestTags(p.item.title, text, ctx.tagOptions),
    fingerprint,
  };
}

function itemRecord(ctx: FilingContext, p: PreparedItem, articleId: number | null, outcome: 'filed' | 'linked' | 'skipped', version: number | null, state: FullTextState) {
  const now = ctx.now.toISOString();
  return {
    source_id: ctx.source.id,
    guid: p.guid,
    url: p.item.url,
    article_id: articleId,
    outcome,
    content_hash: p.hash,
    article_version: version,
    ...state,
    first_seen_at: now,
    last_seen_at: now,
  };
}

async function fileNew(ctx: FilingContext, p: PreparedItem): Promise<ItemOutcome> {
  const sectionId = ctx.sectionId(p.item);
  if (sectionId === undefined) throw new Error(`no section to file under: give source ${ctx.source.name} a default section`);
  const body = await bodyFor(ctx, p.item);
  const text = htmlToText(body.html);
  const fingerprint = fingerprintOf(p.title, text);
  const input = await articleInput(ctx, p, body.html, text, fingerprint, sectionId);
  return ctx.exclusive(async () => {
    const match = fingerprint && ctx.policy !== 'keep' ? ctx.fingerprints.nearest(fingerprint) : undefined;
    if (match) {
      const none: FullTextState = { full_text: 'none', full_text_attempts: 0, full_text_retry_at: null };
      const link = ctx.policy === 'link' && match.sourceId !== ctx.source.id;
      await ctx.db.transaction().execute(async (trx) => {
        if (link) await ctx.filing.addAttribution(trx, match.articleId, { sourceId: ctx.source.id, originalUrl: p.item.url, originalPublisher: p.originalPublisher });
        await createIngestRepository(trx).insertItem(itemRecord(ctx, p, match.articleId, link ? 'linked' : 'skipped', null, none));
      });
      return 'duplicate';
    }
    const created = await ctx.db.transaction().execute(async (trx) => {
      const article = await ctx.filing.insert(trx, ctx.actor, input);
      await createIngestRepository(trx).insertItem(itemRecord(ctx, p, article.id, 'filed', article.version, body.state));
      return article;
    });
    ctx.fingerprints.add(created.id, fingerprint, ctx.source.id);
    return 'new';
  });
}

async function refile(ctx: FilingContext, p: PreparedItem, known: IngestItemRow): Promise<ItemOutcome> {
  const repo = createIngestRepository(ctx.db);
  if (known.content_hash === p.hash) return 'duplicate';
  // Linked, skipped, or filed and since deleted: remember the new text, change nothing else.
  if (known.outcome !== 'filed' || known.article_id === null || known.article_version === null) {
    await repo.updateItem(known.id, { content_hash: p.hash, last_seen_at: ctx.now.toISOString() });
    return 'duplicate';
  }
  const articleId = known.article_id;
  const expected = known.article_version;
  const sectionId = ctx.sectionId(p.item) ?? 0;
  const body = await bodyFor(ctx, p.item);
  const text = htmlToText(body.html);
  const fingerprint = fingerprintOf(p.title, text);
  const input = await articleInput(ctx, p, body.html, text, fingerprint, sectionId);
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const result = await ctx.filing.updateText(trx, ctx.actor, articleId, expected, input);
    await createIngestRepository(trx).updateItem(known.id, {
      content_hash: p.hash,
      last_seen_at: ctx.now.toISOString(),
      ...(result.updated ? { article_version: result.version, guid: p.guid, url: p.item.url, ...body.state } : {}),
    });
    return result.updated;
  });
  if (!updated) return 'duplicate';
  ctx.fingerprints.add(articleId, fingerprint, ctx.source.id);
  return 'updated';
}

/**
 * Fetches the page of an item stored with its feed text and, if the article can now be read,
 * replaces the body (unless an editor changed the article). Gives up after a few attempts.
 */
export async function retryFullText(ctx: FilingContext & { fetchPage: PageFetcher }, row: IngestItemRow): Promise<boolean> {
  const repo = createIngestRepository(ctx.db);
  const attempts = row.full_text_attempts + 1;
  const result = await fetchFullText(ctx.fetchPage, row.url);
  if (!result.ok || row.article_id === null || row.article_version === null) {
    const gaveUp = attempts >= FULL_TEXT_MAX_ATTEMPTS || row.article_id === null;
    await repo.updateItem(row.id, {
      full_text: gaveUp ? 'gave-up' : 'pending',
      full_text_attempts: attempts,
      full_text_retry_at: gaveUp ? null : new Date(ctx.now.getTime() + fullTextRetryDelayMs(attempts)).toISOString(),
    });
    return false;
  }
  const articleId = row.article_id;
  const expected = row.article_version;
  const title = (await ctx.filing.current(ctx.db, articleId))?.title ?? '';
  const fingerprint = fingerprintOf(title, htmlToText(result.html));
  const replaced = await ctx.db.transaction().execute(async (trx) => {
    const outcome = await ctx.filing.replaceBody(trx, ctx.actor, articleId, expected, result.html, fingerprint);
    await createIngestRepository(trx).updateItem(row.id, {
      full_text: outcome.updated ? 'done' : 'gave-up',
      full_text_attempts: attempts,
      full_text_retry_at: null,
      ...(outcome.updated ? { article_version: outcome.version } : {}),
    });
    return outcome.updated;
  });
  if (replaced) ctx.fingerprints.add(articleId, fingerprint, ctx.source.id);
  return replaced;
}
