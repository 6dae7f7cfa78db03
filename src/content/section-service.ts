import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.js';
import { assertCan } from '../shared/permissions.js';
import { slugify, slugPattern } from '../shared/slug.js';
import { buildSectionTree, type Section, siblingsOf } from './section.js';
import { createSectionRepository } from './section-repository.js';
import { createSourceRepository } from './source-repository.js';
import { parseSourceRules } from './source.js';

export type SectionTree = ReturnType<typeof buildSectionTree>;

export interface SectionInput {
  name: string;
  /** Blank: made from the name. */
  slug?: string;
  parentId?: number | null;
  description?: string;
}

/** Checks a new or edited section against the tree; errors name the form field at fault. */
function checkSectionInput(input: SectionInput, all: Map<number, Section>, editing?: Section) {
  const name = input.name.trim();
  if (!name) throw new InvalidError('SECTION_NAME_REQUIRED', 'A section needs a name', { details: { field: 'name' } });
  if (name.length > 80) throw new InvalidError('SECTION_NAME_TOO_LONG', 'The name must be at most 80 characters', { details: { field: 'name' } });
  const slug = input.slug?.trim() || slugify(name);
  if (!slugPattern.test(slug) || slug.length > 80) {
    throw new InvalidError('SECTION_SLUG_INVALID', `Invalid slug "${slug}": use up to 80 letters, digits and single hyphens`, { details: { field: 'slug' } });
  }
  const description = (input.description ?? '').trim();
  if (description.length > 500) throw new InvalidError('SECTION_DESCRIPTION_TOO_LONG', 'The description must be at most 500 characters', { details: { field: 'description' } });
  const parentId = input.parentId ?? null;
  const parent = parentId === null ? undefined : all.get(parentId);
  if (parentId !== null && !parent) throw new InvalidError('SECTION_PARENT_MISSING', 'The parent section does not exist', { details: { field: 'parentId' } });
  // A section's ancestry ends with itself, so this also refuses a section as its own parent.
  if (editing && parent?.ancestry.some((s) => s.id === editing.id)) {
    throw new InvalidError('SECTION_CYCLE', `"${editing.name}" cannot go under itself or one of its own sub-sections`, { details: { field: 'parentId' } });
  }
  for (const s of all.values()) {
    if (s.id !== editing?.id && s.parentId === parentId && s.slug === slug) {
      throw new ConflictError('SECTION_EXISTS', `A section with the slug "${slug}" already exists there`, { details: { field: 'slug' } });
    }
  }
  return { name, slug, parentId, description };
}

export function createSectionService(deps: { db: Db; clock: Clock; audit: AuditService; changes: ChangeNotifier }) {
  // Sections are few and change rarely; the whole tree is kept until a content change.
  let tree: Promise<SectionTree> | undefined;
  deps.changes.subscribe(() => {
    tree = undefined;
  });

  /** Runs a write with its audit entry, then drops every cached copy of the tree. */
  async function write<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    const result = await deps.db.transaction().execute(work);
    deps.changes.notify('content');
    return result;
  }

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

    /** The tree with the number of articles (any status) filed directly in each section, for the admin. */
    async overview(actor: Actor): Promise<SectionTree & { articleCounts: Map<number, number> }> {
      assertCan(actor, 'sections.manage');
      const [current, articleCounts] = await Promise.all([service.tree(), createSectionRepository(deps.db).articleCounts()]);
      return { ...current, articleCounts };
    },

    /** Adds a section as the last child of its parent (or the last top section). */
    async create(actor: Actor, input: SectionInput & { position?: number }): Promise<Section> {
      assertCan(actor, 'sections.manage');
      const { all } = await service.tree();
      const values = checkSectionInput(input, all);
      const id = await write(async (trx) => {
        const sectionId = await createSectionRepository(trx).insert({ ...values, position: input.position ?? all.size, createdAt: deps.clock.now().toISOString() });
        await deps.audit.record(trx, actor, 'section.create', { type: 'section', id: sectionId }, { slug: values.slug });
        return sectionId;
      });
      return service.byId(id);
    },

    /**
     * Edits a section; a new parent moves it there (as its last child). Refuses a parent that
     * is the section itself or under it, and a slug its new siblings already use. Articles
     * follow their section, so their URLs change with its path.
     */
    async update(actor: Actor, id: number, input: SectionInput): Promise<Section> {
      assertCan(actor, 'sections.manage');
      const current = await service.tree();
      const section = await service.byId(id);
      const values = checkSectionInput(input, current.all, section);
      const moved = values.parentId !== section.parentId;
      await write(async (trx) => {
        const repo = createSectionRepository(trx);
        await repo.update(id, values);
        if (moved) await repo.setPosition(id, Math.max(-1, ...siblingsOf(current, values.parentId).map((s) => s.position)) + 1);
        await deps.audit.record(trx, actor, 'section.update', { type: 'section', id }, { slug: values.slug, ...(moved ? { parentId: values.parentId } : {}) });
      });
      return service.byId(id);
    },

    /** Moves a section one place up or down among its siblings; at either end nothing changes. */
    async reorder(actor: Actor, id: number, direction: 'up' | 'down'): Promise<void> {
      assertCan(actor, 'sections.manage');
      const current = await service.tree();
      const section = await service.byId(id);
      const siblings = [...siblingsOf(current, section.parentId)];
      const from = siblings.findIndex((s) => s.id === id);
      const to = direction === 'up' ? from - 1 : from + 1;
      if (to < 0 || to >= siblings.length) return;
      [siblings[from], siblings[to]] = [siblings[to], siblings[from]];
      await write(async (trx) => {
        // Renumbering all siblings also repairs positions that were equal or had gaps.
        const repo = createSectionRepository(trx);
        for (const [position, s] of siblings.entries()) if (s.position !== position) await repo.setPosition(s.id, position);
        await deps.audit.record(trx, actor, 'section.reorder', { type: 'section', id }, { direction });
      });
    },

    /** Deletes a section that holds no articles, has no sub-sections and is no source's rule target. */
    async remove(actor: Actor, id: number): Promise<void> {
      assertCan(actor, 'sections.manage');
      const section = await service.byId(id);
      if (section.children.length > 0) {
        throw new ConflictError('SECTION_HAS_CHILDREN', `"${section.name}" has sub-sections; move or delete them first.`);
      }
      await write(async (trx) => {
        const articles = await createSectionRepository(trx).countArticles(id);
        if (articles > 0) {
          throw new ConflictError('SECTION_NOT_EMPTY', `"${section.name}" still holds ${articles} article${articles === 1 ? '' : 's'}; move them to another section first.`);
        }
        const ruled = (await createSourceRepository(trx).listAll()).filter((s) => parseSourceRules(s.rules).some((r) => r.sectionId === id));
        if (ruled.length > 0) {
          throw new ConflictError('SECTION_IN_RULES', `Source rules file items into "${section.name}" (${ruled.map((s) => s.name).join(', ')}); change those rules first.`);
        }
        await createSectionRepository(trx).remove(id);
        await deps.audit.record(trx, actor, 'section.remove', { type: 'section', id }, { slug: section.slug, name: section.name });
      });
    },
  };
  return service;
}

export type SectionService = ReturnType<typeof createSectionService>;
