/** Article types and the pure rules about them. */
export const articleStatuses = ['draft', 'scheduled', 'published', 'archived'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
export type BodyFormat = 'markdown' | 'html';

export interface SectionRef {
  id: number;
  slug: string;
  name: string;
  /** Slug chain from the top section, e.g. `world/europe`. */
  path: string;
}

export interface SourceRef {
  id: number;
  slug: string;
  name: string;
  homepage: string | null;
  attributionTemplate: string;
}

export interface AuthorRef {
  id: number;
  slug: string;
  name: string;
}

export interface TagRef {
  id: number;
  slug: string;
  name: string;
}

/** What lists, feeds and the API need of an article; no body. */
export interface ArticleSummary {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  status: ArticleStatus;
  section: SectionRef;
  source: SourceRef | null;
  author: AuthorRef | null;
  originalUrl: string | null;
  originalPublisher: string | null;
  commentsEnabled: boolean;
  publishedAt: Date | null;
  updatedAt: Date;
  createdAt: Date;
  tags: TagRef[];
}

export interface Article extends ArticleSummary {
  body: string;
  bodyFormat: BodyFormat;
  bodyHtml: string;
  feedGuid: string | null;
  version: number;
}

/** An article as the admin sees it: with whether it waits for an editor's review. */
export interface AdminArticle extends Article {
  submittedAt: Date | null;
}

/** A row of the admin's article list. */
export interface AdminArticleSummary extends ArticleSummary {
  submittedAt: Date | null;
}

/** Public readers see published articles, and scheduled ones once their time has come. */
export function isPubliclyVisible(article: Pick<ArticleSummary, 'status' | 'publishedAt'>, now: Date): boolean {
  if (article.status !== 'published' && article.status !== 'scheduled') return false;
  return article.publishedAt !== null && article.publishedAt.getTime() <= now.getTime();
}

/** The site path of an article: its section's path, then its slug. */
export function articlePath(article: Pick<ArticleSummary, 'slug' | 'section'>): string {
  return `/${article.section.path}/${encodeURIComponent(article.slug)}`;
}

/** The attribution line, e.g. "According to BGNES", from the source's template. */
export function attributionLine(source: SourceRef): string {
  return source.attributionTemplate.replaceAll('{name}', source.name);
}
