import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../../boot.js';
import type { AdminArticle, Article } from '../../../../content/index.js';
import { formatDateTime } from '../../../views/format.js';
import { actorOf, requirePermission } from '../../auth.js';
import { fieldErrorsFrom, formBody, redirectWithNotice } from '../../respond.js';
import { type ArticleIntent, articleChanges, formValuesOf, newFormValues, readArticleForm } from './article-form.js';
import { idFromPath, sendArticleEditor } from './send-article-editor.js';

async function savedNotice(ctx: AppContext, intent: ArticleIntent, article: Article): Promise<string> {
  if (intent === 'schedule' && article.publishedAt) {
    const settings = await ctx.content.settings.get();
    return `Scheduled: it appears on the site ${formatDateTime(article.publishedAt, settings.language, settings.timezone)}.`;
  }
  const notices: Partial<Record<ArticleIntent, string>> = {
    submit: 'Submitted for review: an editor will publish it.',
    publish: 'Published.',
    unpublish: 'Unpublished: it is a draft again.',
  };
  return notices[intent] ?? 'Saved.';
}

/**
 * One POST for every button of the editor: Preview re-renders the form with the body as the site
 * would show it; the others save (create or update) and go to the saved article. Refusals
 * re-render the form as typed, with the error beside its field.
 */
async function handleEditorPost(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, current: AdminArticle | null): Promise<FastifyReply> {
  const actor = actorOf(request);
  const { values, intent } = readArticleForm(formBody(request));
  if (intent === 'preview') {
    return sendArticleEditor(ctx, request, reply, { article: current, values, preview: ctx.content.articles.preview(actor, values.body, current?.bodyFormat ?? 'markdown') });
  }
  const settings = await ctx.content.settings.get();
  const asked = articleChanges(values, intent, settings.timezone, current);
  if ('errors' in asked) return sendArticleEditor(ctx, request, reply, { article: current, values, errors: asked.errors, status: 400 });
  let saved: Article;
  try {
    saved = current ? await ctx.content.articles.update(actor, current.id, Number(values.version), asked.changes) : await ctx.content.articles.create(actor, asked.changes);
  } catch (error) {
    const { errors, status } = fieldErrorsFrom(error);
    return sendArticleEditor(ctx, request, reply, { article: current, values, errors, status, conflict: status === 409 && errors.form !== undefined });
  }
  return redirectWithNotice(request, reply, `/admin/articles/${saved.id}`, await savedNotice(ctx, intent, saved));
}

/** /admin/articles/new and /admin/articles/:id: write, edit, preview, publish, schedule. */
export function registerArticleEditorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = { preHandler: requirePermission('articles.write-own') };

  app.get('/admin/articles/new', guard, async (request, reply) =>
    sendArticleEditor(ctx, request, reply, { article: null, values: newFormValues(actorOf(request).userId) }),
  );

  app.post('/admin/articles/new', guard, async (request, reply) => handleEditorPost(ctx, request, reply, null));

  app.get<{ Params: { id: string } }>('/admin/articles/:id', guard, async (request, reply) => {
    const article = await ctx.content.articles.byIdForEdit(actorOf(request), idFromPath(request.params.id));
    const settings = await ctx.content.settings.get();
    return sendArticleEditor(ctx, request, reply, { article, values: formValuesOf(article, settings.timezone) });
  });

  app.post<{ Params: { id: string } }>('/admin/articles/:id', guard, async (request, reply) => {
    const article = await ctx.content.articles.byIdForEdit(actorOf(request), idFromPath(request.params.id));
    return handleEditorPost(ctx, request, reply, article);
  });
}
