import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.js';
import { slugify, slugPattern } from '../shared/slug.js';
import { buildSectionTree, type Section } from './section.js';
import { createSectionRepository } from './section-repository.js';

export type SectionTree = ReturnType<typeof buildSectionTree>;

export function createSectionService(deps: { db: Db; clock: Clock; audit: AuditService; changes: ChangeNotifier }) {
  // Sections are few and change rarely; the whole tree is kept until a content change.
  let tree: Promise<SectionTree> | undefined;
  deps.changes.subscribe(() => {
    tree = undefined;
  });

  const service = {
    tree(): Promise<SectionTree> {
      tree ??= createSectionRepository(deps.db).listAll().then(buildSectionTree);
      return tree;
    },

    async byId(id: number): Promise<Section> {
      const section = (await service.tree()).all.get(id);
      if (!section) throw new NotFoundError('SECTION_NOT_FOUND', 'No such section');
      return section;
    },

    /** The section at a slug path such as `world/europe`, or undefined. */
    async byPath(path: string): Promise<Section | undefined> {
      const { all } = await service.tree();
      for (const section of all.values()) if (section.path === path) return section;
      return undefined;
    },

    /** This section and every section under it, for "everything in World" lists. */
    async descendantIds(id: number): Promise<number[]> {
      const root = await service.byId(id);
      const ids: number[] = [];
      const walk = (s: Section) => {
        ids.push(s.id);
        for (const c of s.children) walk(c);
      };
      walk(root);
      return ids;
    },

    async create(actor: Actor, input: { name: string; slug?: string; parentId?: number | null; position?: number; description?: string }) {
      const name = input.name.trim();
      if (!name) throw new InvalidError('SECTION_NAME_REQUIRED', 'A section needs a name');
      const slug = input.slug?.trim() || slugify(name);
      if (!slugPattern.test(slug)) throw new InvalidError('SECTION_SLUG_INVALID', `Invalid slug "${slug}": use letters, digits and hyphens`);
      const { all } = await service.tree();
      const parentId = input.parentId ?? null;
      if (parentId !== null && !all.has(parentId)) throw new NotFoundError('SECTION_NOT_FOUND', 'The parent section does not exist');
      for (const s of all.values()) {
        if (s.parentId === parentId && s.slug === slug) throw new ConflictError('SECTION_EXISTS', `A section "${slug}" already exists there`);
      }
      const id = await deps.db.transaction().execute(async (trx) => {
        const sectionId = await createSectionRepository(trx).insert({
          slug,
          name,
          parentId,
          position: input.position ?? all.size,
          description: input.description ?? '',
          createdAt: deps.clock.now().toISOString(),
        });
        await deps.audit.record(trx, actor, 'section.create', { type: 'section', id: sectionId }, { slug });
        return sectionId;
      });
      deps.changes.notify('content');
      return service.byId(id);
    },
  };
  return service;
}

export type SectionService = ReturnType<typeof createSectionService>;
