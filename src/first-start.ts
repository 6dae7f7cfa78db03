import type { AppContext } from './boot.js';
import { seedFirstStart } from './content/index.js';
import { systemActor } from './shared/actor.js';

const welcomeComment = `Hi, this is a comment from the newsroom. Readers leave theirs with the form below, and the spam filter running on this server checks each one.

To approve, edit or delete comments, sign in and open Comments in the admin.`;

/**
 * First start across domains: the content seed (section, source, welcome article, owner), then
 * a welcome comment by the owner under the article, so a new site shows a comment thread as it
 * will look. Returns the owner's one-time login, or null when the site was seeded before.
 */
export async function firstStart(ctx: Pick<AppContext, 'content' | 'users' | 'clock' | 'comments'>): Promise<{ email: string; password: string } | null> {
  const seed = await seedFirstStart({ content: ctx.content, users: ctx.users, clock: ctx.clock }, systemActor('first-start'));
  if (!seed) return null;
  await ctx.comments.submit({
    article: { id: seed.welcomeArticleId },
    fields: { content: welcomeComment },
    commenter: { kind: 'staff', actor: { kind: 'user', userId: seed.owner.id, role: 'owner' }, name: seed.owner.name, email: seed.owner.email },
    client: { ip: '127.0.0.1', userAgent: 'broadsheet first start' },
    form: {},
  });
  return { email: seed.owner.email, password: seed.owner.password };
}
