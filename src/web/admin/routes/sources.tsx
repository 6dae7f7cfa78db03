import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { DEFAULT_POLL_INTERVAL_SECONDS, formatSourceRuleLines, parseSourceRuleLines, type Source, type SourceSettings } from '../../../content/index.js';
import { actorOf, requirePermission } from '../auth.js';
import { adminChrome, fieldErrorsFrom, formBody, idParam, redirectWithNotice, sendAdminPage } from '../respond.js';
import type { FieldErrors } from '../views/form.js';
import { sectionChoices } from '../views/sections/section-form.js';
import { SourceFormPage, type SourceFormValues } from '../views/sources/source-form-page.js';
import { SourcesPage } from '../views/sources/sources-page.js';

function formValues(request: FastifyRequest): SourceFormValues {
  const form = formBody(request);
  return {
    name: form.name ?? '',
    feedUrl: form.feedUrl ?? '',
    homepage: form.homepage ?? '',
    defaultSectionId: form.defaultSectionId ?? '',
    policy: form.policy ?? 'review',
    attributionTemplate: form.attributionTemplate ?? '',
    pollIntervalSeconds: form.pollIntervalSeconds ?? '',
    isEnabled: form.isEnabled === '1',
    isLocal: form.isLocal === '1',
    rules: form.rules ?? '',
  };
}

const newSourceValues: SourceFormValues = {
  name: '',
  feedUrl: '',
  homepage: '',
  defaultSectionId: '',
  policy: 'review',
  attributionTemplate: 'According to {name}',
  pollIntervalSeconds: String(DEFAULT_POLL_INTERVAL_SECONDS),
  isEnabled: true,
  isLocal: false,
  rules: '',
};

/** /admin/sources: the list with each source's latest poll, adding, editing, polling now. */
export function registerSourceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = { preHandler: requirePermission('sources.manage') };
  const { sources, sections } = ctx.content;

  async function settingsFrom(values: SourceFormValues): Promise<SourceSettings & { name: string }> {
    const { all } = await sections.tree();
    const byPath = new Map([...all.values()].map((s) => [s.path, s.id]));
    return {
      name: values.name,
      feedUrl: values.feedUrl,
      homepage: values.homepage,
      defaultSectionId: values.defaultSectionId ? Number(values.defaultSectionId) : null,
      // Checked by the service, which names the field when it is neither.
      policy: values.policy as SourceSettings['policy'],
      attributionTemplate: values.attributionTemplate,
      pollIntervalSeconds: values.pollIntervalSeconds.trim() ? Number(values.pollIntervalSeconds) : undefined,
      isEnabled: values.isEnabled,
      isLocal: values.isLocal,
      rules: parseSourceRuleLines(values.rules, (path) => byPath.get(path)),
    };
  }

  async function valuesOf(source: Source): Promise<SourceFormValues> {
    const { all } = await sections.tree();
    return {
      name: source.name,
      feedUrl: source.feedUrl ?? '',
      homepage: source.homepage ?? '',
      defaultSectionId: source.defaultSectionId ? String(source.defaultSectionId) : '',
      policy: source.policy,
      attributionTemplate: source.attributionTemplate,
      pollIntervalSeconds: String(source.pollIntervalSeconds),
      isEnabled: source.isEnabled,
      isLocal: source.isLocal,
      rules: formatSourceRuleLines(source.rules, (id) => all.get(id)?.path),
    };
  }

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, source: Source | undefined, values: SourceFormValues, errors: FieldErrors, status = 200) => {
    const chrome = await adminChrome(ctx, request, reply);
    const sectionOptions = sectionChoices(await sections.tree());
    return sendAdminPage(reply, <SourceFormPage chrome={chrome} source={source} sectionOptions={sectionOptions} values={values} errors={errors} />, status);
  };

  app.get('/admin/sources', guard, async (request, reply) => {
    const [statuses, tree, settings] = await Promise.all([ctx.ingest.sourceStatuses(), sections.tree(), ctx.content.settings.get()]);
    const sectionNames = new Map([...tree.all.values()].map((s) => [s.id, s.name]));
    const style = { language: settings.language, timeZone: settings.timezone };
    return sendAdminPage(reply, <SourcesPage chrome={await adminChrome(ctx, request, reply)} statuses={statuses} sectionNames={sectionNames} style={style} />);
  });

  app.get('/admin/sources/new', guard, (request, reply) =>
    renderForm(request, reply, undefined, newSourceValues, {}),
  );

  app.post('/admin/sources', guard, async (request, reply) => {
    const values = formValues(request);
    try {
      const created = await sources.create(actorOf(request), await settingsFrom(values));
      return redirectWithNotice(request, reply, '/admin/sources', `Added the source ${created.name}.`);
    } catch (error) {
      const { errors, status } = fieldErrorsFrom(error);
      return renderForm(request, reply, undefined, values, errors, status);
    }
  });

  app.get<{ Params: { id: string } }>('/admin/sources/:id', guard, async (request, reply) => {
    const source = await sources.byId(idParam(request.params.id));
    return renderForm(request, reply, source, await valuesOf(source), {});
  });

  app.post<{ Params: { id: string } }>('/admin/sources/:id', guard, async (request, reply) => {
    const source = await sources.byId(idParam(request.params.id));
    const values = formValues(request);
    try {
      const saved = await sources.updateSettings(actorOf(request), source.id, await settingsFrom(values));
      return redirectWithNotice(request, reply, '/admin/sources', `Saved the source ${saved.name}.`);
    } catch (error) {
      const { errors, status } = fieldErrorsFrom(error);
      return renderForm(request, reply, source, values, errors, status);
    }
  });

  app.post<{ Params: { id: string } }>('/admin/sources/:id/delete', guard, async (request, reply) => {
    const source = await sources.byId(idParam(request.params.id));
    await sources.remove(actorOf(request), source.id);
    return redirectWithNotice(request, reply, '/admin/sources', `Deleted the source ${source.name}.`);
  });

  // Ingest runs as the system; the guard above is what limits this to sources.manage.
  app.post<{ Params: { id: string } }>('/admin/sources/:id/poll', guard, async (request, reply) => {
    const source = await sources.byId(idParam(request.params.id));
    if (!source.feedUrl) return redirectWithNotice(request, reply, '/admin/sources', `${source.name} has no feed URL to poll.`);
    const [result] = (await ctx.ingest.run({ sourceName: source.name })).results;
    const notice =
      result.status === 'failed'
        ? `Polling ${source.name} failed: ${result.error ?? 'unknown error'}`
        : result.status === 'busy'
          ? `${source.name} is being polled right now; try again in a minute.`
          : `Polled ${source.name}: ${result.items} items, ${result.new} new, ${result.updated} updated, ${result.duplicate} duplicate, ${result.failed} failed.`;
    return redirectWithNotice(request, reply, '/admin/sources', notice);
  });
}
