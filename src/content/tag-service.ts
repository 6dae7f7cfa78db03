import type { Db } from '../db/dialect.js';
import { InvalidError, NotFoundError } from '../shared/errors.js';
import { slugify } from '../shared/slug.js';
import type { TagRef } from './article.js';
import { createTagRepository } from './tag-repository.js';

/** "Trump's" and "trump" are one tag: possessives dropped, case folded in the slug. */
export function normaliseTagName(name: string): string {
  return name
    .replace(/^#+/, '')
    .replace(/['’]s$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function createTagService(deps: { db: Db }) {
  return {
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
  };
}

export type TagService = ReturnType<typeof createTagService>;
