import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.js';
import { assertCan } from '../shared/permissions.js';
import { slugify } from '../shared/slug.js';
import type { TagRef } from './article.js';
import { createTagRepository, type TagOrder } from './tag-repository.js';

export interface TagListing {
  tags: (TagRef & { count: number })[];
  total: number;
}

/** "Trump's" and "trump" are one tag: possessives dropped, case folded in the slug. */
export function normaliseTagName(name: string): string {
  return name
    .replace(/^#+/, '')
    .replace(/['’]s$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function createTagService(deps: { db: Db; audit: AuditService; changes: ChangeNotifier }) {
  async function load(id: number): Promise<TagRef> {
    const tag = await createTagRepository(deps.db).findById(id);
    if (!tag) throw new NotFoundError('TAG_NOT_FOUND', 'No such tag');
    return tag;
  }

  return {
    byId: load,

    async bySlug(slug: string): Promise<TagRef> {
      const tag = await createTagRepository(deps.db).findBySlug(slug);
      if (!tag) throw new NotFoundError('TAG_NOT_FOUND', 'No such tag');
      return tag;
    },

    /** Ids of the named tags, creating those that don't exist yet, in the order given. */
    async ensure(db: Db, names: string[]): Promise<number[]> {
      const repo = createTagRepository(db);
      const wanted = new Map<string, string>();
      for (const raw of names) {
        const name = normaliseTagName(raw);
        if (!name) continue;
        if (name.length > 60) throw new InvalidError('TAG_TOO_LONG', `Tag "${name.slice(0, 20)}…" is longer than 60 characters`);
        const slug = slugify(name, 60);
        if (!wanted.has(slug)) wanted.set(slug, name);
      }
      const existing = new Map((await repo.findBySlugs([...wanted.keys()])).map((t) => [t.slug, t.id]));
      const ids: number[] = [];
      for (const [slug, name] of wanted) ids.push(existing.get(slug) ?? (await repo.insert(slug, name)));
      return ids;
    },

    async listPopular(now: Date, limit = 100) {
      const rows = await createTagRepository(deps.db).listWithCounts(now.toISOString(), limit);
      return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, count: Number(r.count) }));
    },

    /** Tags for the admin, with the number of articles of every status carrying each; `search` matches names in any script and case. */
    async listForAdmin(actor: Actor, filter: { search?: string; order?: TagOrder; offset: number; limit: number }): Promise<TagListing> {
      assertCan(actor, 'tags.manage');
      const search = filter.search?.trim() ?? '';
      // Searching the slug folds case and accents the way tag names were folded when stored.
      const slugPart = /[\p{L}\p{N}]/u.test(search) ? slugify(search, 60) : undefined;
      const { rows, total } = await createTagRepository(deps.db).listForAdmin({ slugPart, order: filter.order ?? 'name', offset: filter.offset, limit: filter.limit });
      return { tags: rows, total };
    },

    /** Renames a tag; its slug (and /tag/ URL) follows the name. A name another tag already has is refused: merge instead. */
    async rename(actor: Actor, id: number, rawName: string): Promise<TagRef> {
      assertCan(actor, 'tags.manage');
      const tag = await load(id);
      const name = normaliseTagName(rawName);
      if (!name) throw new InvalidError('TAG_NAME_REQUIRED', 'A tag needs a name', { details: { field: 'name' } });
      if (name.length > 60) throw new InvalidError('TAG_TOO_LONG', 'A tag name must be at most 60 characters', { details: { field: 'name' } });
      const slug = slugify(name, 60);
      const repo = createTagRepository(deps.db);
      const holder = await repo.findBySlug(slug);
      if (holder && holder.id !== id) {
        throw new ConflictError('TAG_EXISTS', `The tag "${holder.name}" already has the address /tag/${slug}/; merge this tag into it instead`, { details: { field: 'name' } });
      }
      await deps.db.transaction().execute(async (trx) => {
        await createTagRepository(trx).rename(id, slug, name);
        await deps.audit.record(trx, actor, 'tag.rename', { type: 'tag', id }, { from: tag.name, to: name });
      });
      deps.changes.notify('content');
      return load(id);
    },

    /**
     * Merges tag `fromId` into the tag named `intoName` (matched as tags are: case and
     * possessives folded): every article carrying `from` carries the other tag (once), and
     * `from` is deleted, so its URL stops working. Returns the tag that remains.
     */
    async merge(actor: Actor, fromId: number, intoName: string): Promise<TagRef & { articlesMoved: number }> {
      assertCan(actor, 'tags.manage');
      const from = await load(fromId);
      const name = normaliseTagName(intoName);
      const into = name ? await createTagRepository(deps.db).findBySlug(slugify(name, 60)) : undefined;
      if (!into) throw new InvalidError('TAG_MERGE_TARGET', name ? `There is no tag named "${name}"` : 'Type the name of the tag to keep', { details: { field: 'into' } });
      if (into.id === fromId) throw new InvalidError('TAG_MERGE_SELF', 'That is this tag; pick a different one to merge into', { details: { field: 'into' } });
      const articlesMoved = await deps.db.transaction().execute(async (trx) => {
        const moved = await createTagRepository(trx).merge(fromId, into.id);
        await deps.audit.record(trx, actor, 'tag.merge', { type: 'tag', id: into.id }, { from: from.name, fromSlug: from.slug, into: into.name, articlesMoved: moved });
        return moved;
      });
      deps.changes.notify('content');
      return { ...into, articlesMoved };
    },
  };
}

export type TagService = ReturnType<typeof createTagService>;
