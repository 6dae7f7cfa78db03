import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import { z } from 'zod';
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.js';
import { slugify } from '../shared/slug.js';
import type { SourceRef } from './article.js';
import { createSourceRepository, type SourceSettingsWrite } from './source-repository.js';

type SourceRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createSourceRepository>['findBySlug']>>>;

/** Files an item under `sectionId` when one of its categories equals `value`, or its title contains it as a word. */
export const sourceRuleSchema = z.object({
  field: z.enum(['category', 'keyword']),
  value: z.string().trim().min(1).max(200),
  sectionId: z.number().int().positive(),
});
export type SourceRule = z.infer<typeof sourceRuleSchema>;

export const DEFAULT_POLL_INTERVAL_SECONDS = 600;

export interface Source extends SourceRef {
  feedUrl: string | null;
  defaultSectionId: number | null;
  policy: 'review' | 'publish';
  rules: SourceRule[];
  pollIntervalSeconds: number;
  isEnabled: boolean;
  /** Its feed may be on a private or loopback address (an intranet wire). */
  isLocal: boolean;
}

export interface SourceSettings {
  feedUrl?: string | null;
  homepage?: string | null;
  defaultSectionId?: number | null;
  policy?: 'review' | 'publish';
  attributionTemplate?: string;
  rules?: SourceRule[];
  pollIntervalSeconds?: number;
  isEnabled?: boolean;
  isLocal?: boolean;
}

function parseRules(json: string): SourceRule[] {
  try {
    const parsed = z.array(sourceRuleSchema).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function checkInterval(seconds: number | undefined): void {
  if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 60 || seconds > 7 * 86_400)) {
    throw new InvalidError('SOURCE_INTERVAL_INVALID', 'The poll interval must be a whole number of seconds from 60 (1 minute) to 604800 (a week)');
  }
}

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
    rules: parseRules(row.rules),
    pollIntervalSeconds: row.poll_interval_seconds,
    isEnabled: row.is_enabled === 1,
    isLocal: row.is_local === 1,
  };
}

export function createSourceService(deps: { db: Db; clock: Clock; audit: AuditService; changes: ChangeNotifier }) {
  return {
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

    /** Changes ingest settings (feed, section, policy, rules, interval, enabled, local). */
    async updateSettings(actor: Actor, id: number, changes: SourceSettings): Promise<Source> {
      checkInterval(changes.pollIntervalSeconds);
      const rules = changes.rules === undefined ? undefined : z.array(sourceRuleSchema).parse(changes.rules);
      const values: SourceSettingsWrite = {
        ...(changes.feedUrl !== undefined ? { feed_url: changes.feedUrl } : {}),
        ...(changes.homepage !== undefined ? { homepage: changes.homepage } : {}),
        ...(changes.defaultSectionId !== undefined ? { default_section_id: changes.defaultSectionId } : {}),
        ...(changes.policy !== undefined ? { policy: changes.policy } : {}),
        ...(changes.attributionTemplate !== undefined ? { attribution_template: changes.attributionTemplate } : {}),
        ...(rules !== undefined ? { rules: JSON.stringify(rules) } : {}),
        ...(changes.pollIntervalSeconds !== undefined ? { poll_interval_seconds: changes.pollIntervalSeconds } : {}),
        ...(changes.isEnabled !== undefined ? { is_enabled: changes.isEnabled ? 1 : 0 } : {}),
        ...(changes.isLocal !== undefined ? { is_local: changes.isLocal ? 1 : 0 } : {}),
      };
      await deps.db.transaction().execute(async (trx) => {
        await createSourceRepository(trx).updateSettings(id, values);
        await deps.audit.record(trx, actor, 'source.update', { type: 'source', id }, { fields: Object.keys(changes) });
      });
      deps.changes.notify('content');
      return this.byId(id);
    },

    /** Deletes a source and its polling history; its articles stay, without the source link. */
    async remove(actor: Actor, id: number): Promise<void> {
      const removed = await deps.db.transaction().execute(async (trx) => {
        const done = await createSourceRepository(trx).remove(id);
        if (done) await deps.audit.record(trx, actor, 'source.remove', { type: 'source', id });
        return done;
      });
      if (!removed) throw new NotFoundError('SOURCE_NOT_FOUND', `No source with id ${id}`);
      deps.changes.notify('content');
    },

    async create(
      actor: Actor,
      input: SourceSettings & { name: string },
    ): Promise<Source> {
      const name = input.name.trim();
      if (!name) throw new InvalidError('SOURCE_NAME_REQUIRED', 'A source needs a name');
      const repo = createSourceRepository(deps.db);
      if (await repo.findByName(name)) throw new ConflictError('SOURCE_EXISTS', `A source named ${name} already exists`);
      const template = input.attributionTemplate?.trim() || 'According to {name}';
      checkInterval(input.pollIntervalSeconds);
      const rules = z.array(sourceRuleSchema).parse(input.rules ?? []);
      const id = await deps.db.transaction().execute(async (trx) => {
        const sourceId = await createSourceRepository(trx).insert({
          slug: slugify(name),
          name,
          homepage: input.homepage ?? null,
          feedUrl: input.feedUrl ?? null,
          defaultSectionId: input.defaultSectionId ?? null,
          policy: input.policy ?? 'review',
          attributionTemplate: template,
          createdAt: deps.clock.now().toISOString(),
          rules: JSON.stringify(rules),
          pollIntervalSeconds: input.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
          isEnabled: input.isEnabled ?? true,
          isLocal: input.isLocal ?? false,
        });
        await deps.audit.record(trx, actor, 'source.create', { type: 'source', id: sourceId }, { name });
        return sourceId;
      });
      deps.changes.notify('content');
      const created = await repo.findBySlug(slugify(name));
      if (!created || created.id !== id) throw new ConflictError('SOURCE_EXISTS', `A source with the slug of ${name} already exists`);
      return toSource(created);
    },
  };
}

export type SourceService = ReturnType<typeof createSourceService>;
