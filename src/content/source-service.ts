import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { assertCan } from '../shared/permissions.js';
import { slugify } from '../shared/slug.js';
import { DEFAULT_POLL_INTERVAL_SECONDS, parseSourceRules, type Source, type SourceSettings } from './source.js';
import { checkSourceName, checkSourceSettings } from './source-input.js';
import { createSourceRepository, type SourceSettingsWrite } from './source-repository.js';

export { DEFAULT_POLL_INTERVAL_SECONDS, type Source, type SourceRule, type SourceSettings } from './source.js';

type SourceRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createSourceRepository>['findBySlug']>>>;

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    homepage: row.homepage,
    feedUrl: row.feed_url,
    defaultSectionId: row.default_section_id,
    policy: row.policy === 'publish' ? 'publish' : 'review',
    attributionTemplate: row.attribution_template,
    rules: parseSourceRules(row.rules),
    pollIntervalSeconds: row.poll_interval_seconds,
    isEnabled: row.is_enabled === 1,
    isLocal: row.is_local === 1,
  };
}

export function createSourceService(deps: { db: Db; clock: Clock; audit: AuditService; changes: ChangeNotifier }) {
  const service = {
    async bySlug(slug: string): Promise<Source> {
      const row = await createSourceRepository(deps.db).findBySlug(slug);
      if (!row) throw new NotFoundError('SOURCE_NOT_FOUND', 'No such source');
      return toSource(row);
    },

    async list(): Promise<Source[]> {
      return (await createSourceRepository(deps.db).listAll()).map(toSource);
    },

    async byId(id: number): Promise<Source> {
      const row = await createSourceRepository(deps.db).findById(id);
      if (!row) throw new NotFoundError('SOURCE_NOT_FOUND', `No source with id ${id}`);
      return toSource(row);
    },

    /** By exact name, else by slug ("bgnes" finds BGNES). */
    async byName(name: string): Promise<Source> {
      const repo = createSourceRepository(deps.db);
      const row = (await repo.findByName(name.trim())) ?? (await repo.findBySlug(slugify(name)));
      if (!row) throw new NotFoundError('SOURCE_NOT_FOUND', `No source named ${name}`);
      return toSource(row);
    },

    /**
     * Changes a source's name (its slug and URL stay) and ingest settings (feed, section,
     * policy, rules, interval, enabled, local). Errors name the field at fault.
     */
    async updateSettings(actor: Actor, id: number, changes: SourceSettings & { name?: string }): Promise<Source> {
      assertCan(actor, 'sources.manage');
      const repo = createSourceRepository(deps.db);
      await service.byId(id);
      const checked = await checkSourceSettings(deps.db, changes);
      const name = changes.name === undefined ? undefined : checkSourceName(changes.name);
      if (name !== undefined) {
        const sameName = await repo.findByName(name);
        if (sameName && sameName.id !== id) throw new ConflictError('SOURCE_EXISTS', `A source named ${name} already exists`, { details: { field: 'name' } });
      }
      const values: SourceSettingsWrite = {
        ...(name !== undefined ? { name } : {}),
        ...(checked.feedUrl !== undefined ? { feed_url: checked.feedUrl } : {}),
        ...(checked.homepage !== undefined ? { homepage: checked.homepage } : {}),
        ...(checked.defaultSectionId !== undefined ? { default_section_id: checked.defaultSectionId } : {}),
        ...(checked.policy !== undefined ? { policy: checked.policy } : {}),
        ...(checked.attributionTemplate !== undefined ? { attribution_template: checked.attributionTemplate } : {}),
        ...(checked.rules !== undefined ? { rules: JSON.stringify(checked.rules) } : {}),
        ...(checked.pollIntervalSeconds !== undefined ? { poll_interval_seconds: checked.pollIntervalSeconds } : {}),
        ...(checked.isEnabled !== undefined ? { is_enabled: checked.isEnabled ? 1 : 0 } : {}),
        ...(checked.isLocal !== undefined ? { is_local: checked.isLocal ? 1 : 0 } : {}),
      };
      await deps.db.transaction().execute(async (trx) => {
        await createSourceRepository(trx).updateSettings(id, values);
        await deps.audit.record(trx, actor, 'source.update', { type: 'source', id }, { fields: Object.keys(changes) });
      });
      deps.changes.notify('content');
      return service.byId(id);
    },

    /** Deletes a source and its polling history; its articles stay, without the source link. */
    async remove(actor: Actor, id: number): Promise<void> {
      assertCan(actor, 'sources.manage');
      const removed = await deps.db.transaction().execute(async (trx) => {
        const done = await createSourceRepository(trx).remove(id);
        if (done) await deps.audit.record(trx, actor, 'source.remove', { type: 'source', id });
        return done;
      });
      if (!removed) throw new NotFoundError('SOURCE_NOT_FOUND', `No source with id ${id}`);
      deps.changes.notify('content');
    },

    /** Adds a source; its slug (and public URL) is made from the name and never changes. */
    async create(actor: Actor, input: SourceSettings & { name: string }): Promise<Source> {
      assertCan(actor, 'sources.manage');
      const name = checkSourceName(input.name);
      const slug = slugify(name);
      const repo = createSourceRepository(deps.db);
      if (await repo.findByName(name)) throw new ConflictError('SOURCE_EXISTS', `A source named ${name} already exists`, { details: { field: 'name' } });
      if (await repo.findBySlug(slug)) throw new ConflictError('SOURCE_EXISTS', `Another source already uses the address /source/${slug}/; choose a different name`, { details: { field: 'name' } });
      const checked = await checkSourceSettings(deps.db, input);
      const id = await deps.db.transaction().execute(async (trx) => {
        const sourceId = await createSourceRepository(trx).insert({
          slug,
          name,
          homepage: checked.homepage ?? null,
          feedUrl: checked.feedUrl ?? null,
          defaultSectionId: checked.defaultSectionId ?? null,
          policy: checked.policy ?? 'review',
          attributionTemplate: checked.attributionTemplate || 'According to {name}',
          createdAt: deps.clock.now().toISOString(),
          rules: JSON.stringify(checked.rules ?? []),
          pollIntervalSeconds: checked.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
          isEnabled: checked.isEnabled ?? true,
          isLocal: checked.isLocal ?? false,
        });
        await deps.audit.record(trx, actor, 'source.create', { type: 'source', id: sourceId }, { name });
        return sourceId;
      });
      deps.changes.notify('content');
      return service.byId(id);
    },
  };
  return service;
}

export type SourceService = ReturnType<typeof createSourceService>;
