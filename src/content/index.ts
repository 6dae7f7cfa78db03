import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import { createArticleFilingService } from './article-filing-service.js';
import { createArticleService } from './article-service.js';
import { cacheArticleReads, createContentReadCache } from './read-cache.js';
import { createSectionService } from './section-service.js';
import { createSettingsService } from './settings-service.js';
import { createSourceService } from './source-service.js';
import { createTagService } from './tag-service.js';

export * from './article.js';
export type { ArticleFilingService, IngestedArticle, SourceAttribution, WireQueueEntry } from './article-filing-service.js';
export { type ArticleAccess, articleAccess } from './article-permissions.js';
export type { ArticleRevisionSummary } from './article-revisions.js';
export type { AdminListFilter, ArticleInput, ArticlePage, ArticleService, ListFilter } from './article-service.js';
export type { ContentReadCache } from './read-cache.js';
export { type FirstStartSeed, seedFirstStart } from './seed.js';
export type { Section } from './section.js';
export type { SectionInput, SectionService, SectionTree } from './section-service.js';
export { type SettingsService, type SiteSettings, siteSettingLabels } from './settings-service.js';
export { DEFAULT_POLL_INTERVAL_SECONDS, type Source, type SourceRule, type SourceService, type SourceSettings } from './source-service.js';
export type { TagListing, TagService } from './tag-service.js';
export { formatSourceRuleLines, parseSourceRuleLines } from './source.js';

export function createContentServices(deps: { db: Db; clock: Clock; audit: AuditService; changes: ChangeNotifier; baseUrl: string }) {
  const sections = createSectionService(deps);
  const tags = createTagService(deps);
  const articles = createArticleService({ ...deps, sections, tags });
  const readCache = createContentReadCache({ changes: deps.changes, clock: deps.clock, nextScheduledAfter: (now) => articles.nextScheduledAfter(now) });
  return {
    sections,
    tags,
    articles: cacheArticleReads(articles, readCache),
    /** Emptied whenever published content may have changed; caches of rendered content follow it. */
    readCache,
    filing: createArticleFilingService({ ...deps, tags }),
    sources: createSourceService(deps),
    settings: createSettingsService(deps),
  };
}

export type ContentServices = ReturnType<typeof createContentServices>;
