import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.js';
import { slugify } from '../shared/slug.js';
import type { SourceRef } from './article.js';
import { createSourceRepository } from './source-repository.js';

type SourceRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createSourceRepository>['findBySlug']>>>;

export interface Source extends SourceRef {
  feedUrl: string | null;
  defaultSectionId: number | null;
  policy: 'review' | 'publish';
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

    async create(
      actor: Actor,
      input: { name: string; homepage?: string; feedUrl?: string; defaultSectionId?: number; policy?: 'review' | 'publish'; attributionTemplate?: string },
    ): Promise<Source> {
      const name = input.name.trim();
      if (!name) throw new InvalidError('SOURCE_NAME_REQUIRED', 'A source needs a name');
      const repo = createSourceRepository(deps.db);
      if (await repo.findByName(name)) throw new ConflictError('SOURCE_EXISTS', `A source named ${name} already exists`);
      const template = input.attributionTemplate?.trim() || 'According to {name}';
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
