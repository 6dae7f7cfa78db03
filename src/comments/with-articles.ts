import type { Article } from '../content/index.js';
import { isBroadsheetError } from '../shared/errors.js';
import type { CommentServiceDeps } from './comment-deps.js';
import type { StoredCommentRow } from './comment-repository.js';
import { type StoredComment, toStoredComment } from './stored-comment.js';

/**
 * Stored comments with their article's slug, title and path. Comments do not read content's
 * tables (see ARCHITECTURE.md), so articles come from the content service: one `byId` per
 * distinct article, any status (moderators see comments on drafts and archived articles too).
 * An article that cannot be found gives a placeholder (see toStoredComment); other failures throw.
 */
export async function withArticles(deps: Pick<CommentServiceDeps, 'content'>, rows: readonly StoredCommentRow[]): Promise<StoredComment[]> {
  const ids = [...new Set(rows.map((r) => r.article_id))];
  const found = await Promise.all(
    ids.map((id) =>
      deps.content.articles.byId(id).catch((error: unknown): Article | null => {
        if (isBroadsheetError(error) && error.kind === 'not_found') return null;
        throw error;
      }),
    ),
  );
  const articles = new Map(ids.map((id, i) => [id, found[i]]));
  return rows.map((row) => toStoredComment(row, articles.get(row.article_id) ?? null));
}
