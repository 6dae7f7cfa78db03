import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../boot.js';
import { type Article, articlePath } from '../../../content/index.js';
import type { SitePages } from '../../site-pages.js';
import { ArticlePage } from '../../views/article-page.js';
import { type CommentFormState, FORM_TOKEN_PLACEHOLDER } from '../../views/comments/comment-form.js';
import { CommentsSection } from '../../views/comments/comments-section.js';
import { renderPage } from '../../views/render.js';
import { commentsScriptHref } from './comments-script.js';
import { readCookie } from '../../cookies.js';
import { hasPendingCommentCookie, PENDING_COOKIE } from './cookies.js';

// Junk in these parameters shows the default view rather than an error: they come from links people share.
const articleQuery = z.object({
  cpage: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  corder: z.enum(['oldest', 'newest']).catch('oldest').default('oldest'),
  replytocom: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});

export interface ArticlePageOptions {
  form?: CommentFormState;
  /** Where the form goes when re-shown after an error; defaults to `?replytocom`. */
  replyTo?: number | null;
  status?: number;
}

/**
 * Renders an Article page with its comments. A reader whose signed cookie names their own
 * pending comments on it gets a personal page that is never cached; everyone else gets the
 * shared cached page. The form token is filled in at send time, cached or not.
 */
export async function sendArticlePage(ctx: AppContext, pages: SitePages, request: FastifyRequest, reply: FastifyReply, article: Article, options: ArticlePageOptions = {}) {
  const query = articleQuery.parse(request.method === 'GET' ? (request.query ?? {}) : {});
  const ownPendingIds = hasPendingCommentCookie(request) ? ctx.comments.pendingIdsIn(readCookie(request, PENDING_COOKIE)) : [];
  const [chrome, related, section, comments] = await Promise.all([
    pages.chrome(),
    ctx.content.articles.related(article),
    ctx.content.sections.byId(article.section.id),
    ctx.comments.forArticle(article, { page: query.cpage, order: query.corder, ownPendingIds }),
  ]);
  const replyTo = options.replyTo !== undefined ? options.replyTo : (query.replytocom ?? null);
  const body = renderPage(
    <ArticlePage
      chrome={chrome}
      article={article}
      section={section}
      related={related}
      comments={
        <CommentsSection
          articleId={article.id}
          articlePath={articlePath(article)}
          comments={comments}
          language={chrome.settings.language}
          timezone={chrome.settings.timezone}
          now={ctx.clock.now()}
          replyTo={replyTo}
          form={options.form}
          scriptHref={commentsScriptHref}
        />
      }
    />,
  );
  return pages.send(request, reply, body, {
    status: options.status,
    personal: comments.ownPendingIds.length > 0,
    token: { placeholder: FORM_TOKEN_PLACEHOLDER, value: formTokens(ctx, article.id) },
  });
}

/**
 * A fresh form token for each send. Tokens are signed over the millisecond they are issued, so
 * two sends in the same millisecond share one (the same token issueFormToken would give again)
 * rather than computing the HMAC twice.
 */
function formTokens(ctx: AppContext, articleId: number): () => string {
  let issuedAt = Number.NaN;
  let token = '';
  return () => {
    if (ctx.clock.now().getTime() !== issuedAt) {
      token = ctx.comments.formToken(articleId);
      // `<issued ms>.<signature>`: keyed on the token's own time, not on the read above.
      issuedAt = Number(token.slice(0, token.indexOf('.')));
    }
    return token;
  };
}
