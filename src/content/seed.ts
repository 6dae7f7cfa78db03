import type { UserService } from '../accounts/index.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import type { ContentServices } from './index.js';

const welcomeBody = `Welcome to your new news site. This article was created when Broadsheet first started, so that you can see how a story looks to your readers: the breadcrumb above the headline, the attribution line under it, the publish time, the hashtags and, further down, the space where reader comments will go.

## What you can do next

- Sign in at [/admin](/admin) with the login printed in your terminal on first start.
- Add the agencies you republish as **sources**, each with its own attribution line.
- Write and schedule articles, or let ingest bring them in from the wires.

Broadsheet keeps your readers' data on your own server: comments, spam filtering and analytics never leave it.

> Republished agency stories keep their credit: this one names the agency it came from and the publisher it first appeared in.`;

/**
 * What first start made: the owner with their one-time password, and the welcome article, under
 * which the caller may seed a welcome comment (comments are not this domain's).
 */
export interface FirstStartSeed {
  owner: { id: number; name: string; email: string; password: string };
  welcomeArticleId: number;
}

/**
 * First start only: a "World" section, the BGNES source, a welcome article and an owner
 * account whose one-time password is returned for printing. Later starts seed nothing
 * (a marker setting records that seeding happened, even if the seed content is deleted).
 */
export async function seedFirstStart(deps: { content: ContentServices; users: UserService; clock: Clock }, actor: Actor): Promise<FirstStartSeed | null> {
  if (await deps.content.settings.readInternal('seeded-at')) return null;
  const world = await deps.content.sections.create(actor, { name: 'World', description: 'International news from our agencies and correspondents.' });
  const bgnes = await deps.content.sources.create(actor, {
    name: 'BGNES',
    homepage: 'https://www.bgnes.com/',
    attributionTemplate: 'According to {name}',
    defaultSectionId: world.id,
    policy: 'review',
  });
  const owner = await deps.users.addUser(actor, { email: 'admin@example.com', name: 'Site Owner', role: 'owner' });
  const welcome = await deps.content.articles.create(actor, {
    title: 'Welcome to Broadsheet',
    body: welcomeBody,
    sectionId: world.id,
    sourceId: bgnes.id,
    authorId: owner.id,
    originalUrl: 'https://www.bgnes.com/',
    originalPublisher: 'The Broadsheet Desk',
    status: 'published',
    publishedAt: deps.clock.now(),
    tags: ['Broadsheet', 'Newsroom', 'Welcome'],
  });
  await deps.content.settings.writeInternal('seeded-at', deps.clock.now().toISOString());
  return {
    owner: { id: owner.id, name: owner.name, email: owner.email, password: owner.password ?? '' },
    welcomeArticleId: welcome.id,
  };
}
