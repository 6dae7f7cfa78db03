import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../../boot.js';
import { type AdminArticle, articleAccess } from '../../../../content/index.js';
import { NotFoundError } from '../../../../shared/errors.js';
import { actorOf } from '../../auth.js';
import { adminChrome, sendAdminPage } from '../../respond.js';
import { ArticleEditorPage } from '../../views/articles/article-editor-page.js';
import type { ArticleFormValues } from '../../views/articles/article-form-data.js';
import type { FieldErrors } from '../../views/form.js';
import { loadArticleChoices, loadTagSuggestions } from './article-choices.js';

/** What the editor shows besides the article itself. */
export interface EditorState {
  /** Null while writing a new article. */
  article: AdminArticle | null;
  values: ArticleFormValues;
  errors?: FieldErrors;
  /** Refused because someone else saved first: the page says how to keep the text typed. */
  conflict?: boolean;
  preview?: string;
  status?: number;
}

/** A row id from the URL; anything else (a number too big for the database, too) names nothing. */
export function idFromPath(param: string): number {
  if (!/^\d{1,9}$/.test(param)) throw new NotFoundError('NOT_FOUND', 'There is nothing at this address.');
  return Number(param);
}

export async function sendArticleEditor(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, state: EditorState): Promise<FastifyReply> {
  const actor = actorOf(request);
  const { article } = state;
  const [chrome, settings, choices, tagNames, revisions] = await Promise.all([
    adminChrome(ctx, request, reply),
    ctx.content.settings.get(),
    loadArticleChoices(ctx, article?.author ?? null),
    loadTagSuggestions(ctx),
    article ? ctx.content.articles.revisions(actor, article.id) : Promise.resolve([]),
  ]);
  return sendAdminPage(
    reply,
    <ArticleEditorPage
      chrome={chrome}
      article={article}
      values={state.values}
      errors={state.errors ?? {}}
      conflict={state.conflict ?? false}
      access={articleAccess(actor, article)}
      choices={choices}
      tagNames={tagNames}
      preview={state.preview}
      revisions={revisions}
      clock={{ now: ctx.clock.now(), language: settings.language, timeZone: settings.timezone }}
    />,
    state.status ?? 200,
  );
}
