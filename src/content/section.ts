import type { SectionRef } from './article.js';
import type { SectionRow } from './section-repository.js';

export interface Section extends SectionRef {
  parentId: number | null;
  position: number;
  description: string;
  /** Top section first, this one last: what the breadcrumb shows. */
  ancestry: SectionRef[];
  children: Section[];
}

/** Builds the section tree with paths and ancestry from flat rows (a site has few sections). */
export function buildSectionTree(rows: SectionRow[]): { all: Map<number, Section>; roots: Section[] } {
  const all = new Map<number, Section>();
  for (const row of rows) {
    all.set(row.id, {
      id: row.id,
      slug: row.slug,
      name: row.name,
      parentId: row.parent_id,
      position: row.position,
      description: row.description,
      path: '',
      ancestry: [],
      children: [],
    });
  }
  const roots: Section[] = [];
  for (const section of all.values()) {
    const parent = section.parentId === null ? undefined : all.get(section.parentId);
    if (parent) parent.children.push(section);
    else roots.push(section);
  }
  const visit = (section: Section, chain: SectionRef[]) => {
    section.path = [...chain.map((s) => s.slug), section.slug].join('/');
    section.ancestry = [...chain, { id: section.id, slug: section.slug, name: section.name, path: section.path }];
    for (const child of section.children) visit(child, section.ancestry);
  };
  for (const root of roots) visit(root, []);
  return { all, roots };
}

/** The sections directly under `parentId` (the top sections for null), in their order. */
export function siblingsOf(tree: { all: Map<number, Section>; roots: Section[] }, parentId: number | null): Section[] {
  return parentId === null ? tree.roots : (tree.all.get(parentId)?.children ?? []);
}
