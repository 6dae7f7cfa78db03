import type { AppContext } from '../../../../boot.js';
import type { AuthorRef, Section } from '../../../../content/index.js';
import { can } from '../../../../shared/permissions.js';
import type { ArticleChoices, Options } from '../../views/articles/article-form-data.js';

/** Parents before their children, each labelled with its path: "World › Europe". */
function sectionOptions(roots: Section[]): Options {
  const options: [string, string][] = [];
  const walk = (section: Section) => {
    options.push([String(section.id), section.ancestry.map((s) => s.name).join(' › ')]);
    for (const child of section.children) walk(child);
  };
  for (const root of roots) walk(root);
  return options;
}

/**
 * What the article screens offer to pick from. `author` (the article's own) is always offered,
 * even if that account can no longer write, so saving never changes it by accident.
 */
export async function loadArticleChoices(ctx: AppContext, author: AuthorRef | null = null): Promise<ArticleChoices> {
  const [tree, sources, staff] = await Promise.all([ctx.content.sections.tree(), ctx.content.sources.list(), ctx.users.list()]);
  const writers = staff.filter((user) => user.active && can({ kind: 'user', userId: user.id, role: user.role }, 'articles.write-own'));
  const authors: [string, string][] = writers.map((user) => [String(user.id), user.name]);
  if (author && !writers.some((user) => user.id === author.id)) authors.push([String(author.id), author.name]);
  return {
    sections: sectionOptions(tree.roots),
    sources: sources.map((source) => [String(source.id), source.name] as const),
    authors,
  };
}

/** How many existing tags the editor suggests. */
const tagSuggestions = 300;

/** Tag names to suggest, most used first. */
export async function loadTagSuggestions(ctx: AppContext): Promise<string[]> {
  return (await ctx.content.tags.listPopular(ctx.clock.now(), tagSuggestions)).map((tag) => tag.name);
}
