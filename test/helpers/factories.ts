import type { AppContext } from '../../src/boot.js';
import type { ArticleInput } from '../../src/content/index.js';
import { systemActor } from '../../src/shared/actor.js';

export const testActor = systemActor('test');

/** A small newsroom: World › Europe, Business, the BGNES source and an author. */
export async function seedNewsroom(ctx: AppContext) {
  const world = await ctx.content.sections.create(testActor, { name: 'World', description: 'News from everywhere' });
  const europe = await ctx.content.sections.create(testActor, { name: 'Europe', parentId: world.id });
  const business = await ctx.content.sections.create(testActor, { name: 'Business' });
  const bgnes = await ctx.content.sources.create(testActor, { name: 'BGNES', homepage: 'https://www.bgnes.com/', attributionTemplate: 'According to {name}' });
  const author = await ctx.users.addUser(testActor, { email: 'reporter@example.com', name: 'Rita Reporter', role: 'author' });
  return { world, europe, business, bgnes, author };
}

let counter = 0;

export async function publishArticle(ctx: AppContext, input: Partial<ArticleInput> & { sectionId: number }) {
  counter++;
  return ctx.content.articles.create(testActor, {
    title: `Story number ${counter}`,
    body: `Paragraph one of story ${counter}.\n\nParagraph two with **bold** text.`,
    status: 'published',
    publishedAt: new Date(Date.UTC(2026, 10, 20, 8, counter % 60)),
    ...input,
  });
}
