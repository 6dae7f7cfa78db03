import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import type { SectionInput } from '../../../content/index.js';
import { actorOf, requirePermission } from '../auth.js';
import { adminChrome, fieldErrorsFrom, formBody, idParam, redirectWithNotice, sendAdminPage } from '../respond.js';
import type { FieldErrors } from '../views/form.js';
import { SectionEditPage } from '../views/sections/section-edit-page.js';
import { type SectionFormValues, sectionFormValues } from '../views/sections/section-form.js';
import { SectionsPage } from '../views/sections/sections-page.js';

function sectionInput(values: SectionFormValues): SectionInput {
  return { name: values.name, slug: values.slug, description: values.description, parentId: values.parentId ? Number(values.parentId) : null };
}

function formValues(request: FastifyRequest): SectionFormValues {
  const form = formBody(request);
  return { name: form.name ?? '', slug: form.slug ?? '', description: form.description ?? '', parentId: form.parentId ?? '' };
}

/** /admin/sections: the tree, adding, editing, moving, ordering and deleting sections. */
export function registerSectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = { preHandler: requirePermission('sections.manage') };
  const { sections } = ctx.content;

  const renderList = async (request: FastifyRequest, reply: FastifyReply, values: SectionFormValues, errors: FieldErrors, status = 200) => {
    const { articleCounts, ...tree } = await sections.overview(actorOf(request));
    return sendAdminPage(reply, <SectionsPage chrome={await adminChrome(ctx, request, reply)} tree={tree} counts={articleCounts} values={values} errors={errors} />, status);
  };

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, id: number, values: SectionFormValues | undefined, errors: FieldErrors, status = 200) => {
    const { articleCounts, ...tree } = await sections.overview(actorOf(request));
    const section = await sections.byId(id);
    const page = (
      <SectionEditPage
        chrome={await adminChrome(ctx, request, reply)}
        tree={tree}
        section={section}
        articleCount={articleCounts.get(id) ?? 0}
        values={values ?? sectionFormValues(section)}
        errors={errors}
      />
    );
    return sendAdminPage(reply, page, status);
  };

  app.get('/admin/sections', guard, (request, reply) => renderList(request, reply, sectionFormValues(), {}));

  app.post('/admin/sections', guard, async (request, reply) => {
    const values = formValues(request);
    try {
      const created = await sections.create(actorOf(request), sectionInput(values));
      return redirectWithNotice(request, reply, `/admin/sections#section-${created.id}`, `Added the section ${created.name}.`);
    } catch (error) {
      const { errors, status } = fieldErrorsFrom(error);
      return renderList(request, reply, values, errors, status);
    }
  });

  app.get<{ Params: { id: string } }>('/admin/sections/:id', guard, (request, reply) => renderEdit(request, reply, idParam(request.params.id), undefined, {}));

  app.post<{ Params: { id: string } }>('/admin/sections/:id', guard, async (request, reply) => {
    const id = idParam(request.params.id);
    const values = formValues(request);
    try {
      const saved = await sections.update(actorOf(request), id, sectionInput(values));
      return redirectWithNotice(request, reply, `/admin/sections#section-${id}`, `Saved the section ${saved.name}.`);
    } catch (error) {
      const { errors, status } = fieldErrorsFrom(error);
      return renderEdit(request, reply, id, values, errors, status);
    }
  });

  app.post<{ Params: { id: string } }>('/admin/sections/:id/move', guard, async (request, reply) => {
    const id = idParam(request.params.id);
    await sections.reorder(actorOf(request), id, formBody(request).direction === 'up' ? 'up' : 'down');
    return reply.redirect(`/admin/sections#section-${id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/admin/sections/:id/delete', guard, async (request, reply) => {
    const id = idParam(request.params.id);
    try {
      const { name } = await sections.byId(id);
      await sections.remove(actorOf(request), id);
      return redirectWithNotice(request, reply, '/admin/sections', `Deleted the section ${name}.`);
    } catch (error) {
      const { errors, status } = fieldErrorsFrom(error);
      return renderEdit(request, reply, id, undefined, errors, status);
    }
  });
}
