/**
 * Seeds a fresh database for the site benchmark through the content services, as an editor
 * would: the first-start content (World, BGNES, owner, welcome article), nested sections, more
 * sources, two more authors and generated articles up to `total`, spread over the last 60 days.
 */
import { boot } from '../../src/boot.js';
import { loadConfig } from '../../src/config/load.js';
import { articlePath, seedFirstStart } from '../../src/content/index.js';
import { systemActor } from '../../src/shared/actor.js';
import { between, headline, markdownBody, pick, pickDistinct, prng, tagPool } from './corpus.js';

export interface SeedResult {
  articles: number;
  seconds: number;
  /** The article the benchmark loads: a typical one in a nested section. */
  articlePath: string;
  articleWords: number;
}

const sectionPlan: { name: string; parent?: string; description: string }[] = [
  { name: 'Europe', parent: 'World', description: 'News from across the continent.' },
  { name: 'Asia', parent: 'World', description: 'News from Asia and the Pacific.' },
  { name: 'Americas', parent: 'World', description: 'News from North and South America.' },
  { name: 'Business', description: 'Companies, markets and the economy.' },
  { name: 'Markets', parent: 'Business', description: 'Shares, bonds, currencies and commodities.' },
  { name: 'Sport', description: 'Results, transfers and analysis.' },
  { name: 'Football', parent: 'Sport', description: 'Domestic and international football.' },
  { name: 'Science', description: 'Research, space and technology.' },
  { name: 'Climate', parent: 'Science', description: 'Climate, weather and the environment.' },
  { name: 'Culture', description: 'Books, film, music and the arts.' },
];

const sourcePlan = [
  { name: 'Continental Wire', homepage: 'https://wire.example.com/', attributionTemplate: 'According to {name}' },
  { name: 'Pacific Press Agency', homepage: 'https://ppa.example.net/', attributionTemplate: 'Reported by {name}' },
  { name: 'Northern News Service', homepage: 'https://nns.example.org/', attributionTemplate: 'Source: {name}' },
];

export async function seedBenchDatabase(databaseUrl: string, total = 1000): Promise<SeedResult> {
  const started = performance.now();
  const config = loadConfig({ BROADSHEET_DATABASE_URL: databaseUrl, BROADSHEET_LOG_LEVEL: 'warn' });
  const ctx = await boot({ config });
  try {
    const actor = systemActor('bench');
    await seedFirstStart({ content: ctx.content, users: ctx.users, clock: ctx.clock }, actor);
    const world = await ctx.content.sections.byPath('world');
    if (!world) throw new Error('seedFirstStart did not create the World section');
    const sectionIds = new Map<string, number>([['World', world.id]]);
    for (const s of sectionPlan) {
      const parentId = s.parent ? sectionIds.get(s.parent) : null;
      const created = await ctx.content.sections.create(actor, { name: s.name, parentId, description: s.description });
      sectionIds.set(s.name, created.id);
    }
    const sources = [...(await ctx.content.sources.list()).map((s) => s.id)];
    for (const s of sourcePlan) sources.push((await ctx.content.sources.create(actor, { ...s, policy: 'publish' })).id);
    const authors: number[] = [];
    for (const name of ['Mila Petrova', 'Jonas Berg']) {
      authors.push((await ctx.users.addUser(actor, { email: `${name.split(' ')[0].toLowerCase()}@example.com`, name, role: 'author' })).id);
    }

    const random = prng(20261124);
    const sectionList = [...sectionIds.values()];
    const now = Date.now();
    const sixtyDays = 60 * 24 * 3600 * 1000;
    let chosen: { path: string; words: number } | undefined;
    const existing = Number((await ctx.content.articles.list({}, { offset: 0, limit: 1 })).total);
    for (let i = existing; i < total; i++) {
      const words = between(random, 600, 900);
      const hasSource = random() < 0.6;
      const article = await ctx.content.articles.create(actor, {
        title: headline(random),
        body: markdownBody(random, words),
        sectionId: pick(random, sectionList),
        sourceId: hasSource ? pick(random, sources) : null,
        authorId: hasSource ? null : pick(random, authors),
        status: 'published',
        // Spread over the last 60 days, never in the future.
        publishedAt: new Date(now - 60_000 - Math.floor(random() * sixtyDays)),
        tags: pickDistinct(random, tagPool, between(random, 3, 6)),
      });
      // A typical article to load: in a nested section, with a source and an average length.
      if (!chosen && article.section.path.includes('/') && article.source && words >= 720 && words <= 780) {
        chosen = { path: articlePath(article), words };
      }
    }
    if (!chosen) throw new Error('no typical article was generated to benchmark');
    const count = (await ctx.content.articles.list({}, { offset: 0, limit: 1 })).total;
    return { articles: count, seconds: (performance.now() - started) / 1000, articlePath: chosen.path, articleWords: chosen.words };
  } finally {
    await ctx.close();
  }
}
