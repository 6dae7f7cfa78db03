import type { AdminArticleSummary } from '../../../../content/index.js';

/** A status as staff say it: a draft may wait for review, a scheduled article whose time has come is live. */
export function statusLabel(article: Pick<AdminArticleSummary, 'status' | 'submittedAt' | 'publishedAt'>, now: Date): string {
  if (article.status === 'draft' && article.submittedAt) return 'Submitted for review';
  if (article.status === 'scheduled' && article.publishedAt && article.publishedAt.getTime() <= now.getTime()) return 'Published';
  return article.status.charAt(0).toUpperCase() + article.status.slice(1);
}

export function ArticleStatus(props: { article: Pick<AdminArticleSummary, 'status' | 'submittedAt' | 'publishedAt'>; now: Date }) {
  return <span class={`status status-${props.article.status}`}>{statusLabel(props.article, props.now)}</span>;
}
