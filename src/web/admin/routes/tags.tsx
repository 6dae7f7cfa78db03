import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { actorOf, requirePermission } from '../auth.js';
import { adminChrome, fieldErrorsFrom, formBody, idParam, redirectWithNotice, sendAdminPage } from '../respond.js';
import type { FieldErrors } from '../views/form.js';
import { TagPage, type TagFormValues } from '../views/tags/tag-page.js';
import { TAGS_PER_PAGE, type TagQuery, TagsPage } from '../views/tags/tags-page.js';

function tagQuery(query: Record<string, string | undefined>): TagQuery {
  const page = Number(query.page);
  return { q: (query.q ?? '').slice(0, 100), sort: query.sort === 'count' ? 'count' : 'name', page: Number.isInteger(page) && page > 1 && page < 100_000 ? page : 1 };
}

/** /admin/tags: listing with counts and search, renaming, merging. */
export function registerTagRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = { preHandler: requirePermission('tags.manage') };
  const { tags } = ctx.content;

  const renderTag = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Partial<TagFormValues>, errors: FieldErrors, status = 200) => {
    const tag = await tags.byId(id);
    const chrome = await adminChrome(ctx, request, reply);
    return sendAdminPage(reply, <TagPage chrome={chrome} tag={tag} values={{ name: values.name ?? tag.name, into: values.into ?? '' }} errors={errors} />, status);
  };

  app.get<{ Querystring: Record<string, string | undefined> }>('/admin/tags', guard, async (request, reply) => {
    const query = tagQuery(request.query);
    const listing = await tags.listForAdmin(actorOf(request), { search: query.q, order: query.sort, offset: (query.page - 1) * TAGS_PER_PAGE, limit: TAGS_PER_PAGE });
    return sendAdminPage(reply, <TagsPage chrome={await adminChrome(ctx, request, reply)} listing={listing} query={query} />);
  });

  app.get<{ Params: { id: string } }>('/admin/tags/:id', guard, (request, reply) => renderTag(request, reply, idParam(request.params.id), {}, {}));

  app.post<{ Params: { id: string } }>('/admin/tags/:id/rename', guard, async (request, reply) => {
    const id = idParam(request.params.id);
    const name = formBody(request).name ?? '';
    try {
      const renamed = await tags.rename(actorOf(request), id, name);
      return redirectWithNotice(request, reply, `/admin/tags/${id}`, `Renamed the tag to ${renamed.name}.`);
    } catch (error) {
      const { errors, status } = fieldErrorsFrom(error);
      return renderTag(request, reply, id, { name }, errors, status);
    }
  });

  app.post<{ Params: { id: string } }>('/admin/tags/:id/merge', guard, async (request, reply) => {
    const id = idParam(request.params.id);
    const into = formBody(request).into ?? '';
    try {
      const { name } = await tags.byId(id);
      const kept = await tags.merge(actorOf(request), id, into);
      const moved = `${kept.articlesMoved} article${kept.articlesMoved === 1 ? '' : 's'}`;
      return redirectWithNotice(request, reply, `/admin/tags/${kept.id}`, `Merged ${name} into ${kept.name} (${moved} gained the tag).`);
    } catch (error) {
      const { errors, status } = fieldErrorsFrom(error);
      return renderTag(request, reply, id, { into }, errors, status);
    }
  });
}
