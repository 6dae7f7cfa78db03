import { boot } from '../../src/boot.js';
import type { CommentsPatchForBench } from './types.js';
import { testConfigFor } from './types.js';

const actor = { kind: 'system', name: 'bench' } as const;
const fast: CommentsPatchForBench = { minSecondsToSubmit: 0, rateLimits: { perMinute: 1_000_000, perHour: 10_000_000 } };

/** Three articles: one without comments, one with 200 approved comments in 50 threads three deep, one to post to. */
export async function seedCommentsBench(databaseUrl: string) {
  const ctx = await boot({ config: testConfigFor(databaseUrl) });
  try {
    const section = await ctx.content.sections.create(actor, { name: 'Bench' });
    const body = 'A benchmark article body.\n\nIt has a few paragraphs, like a short wire story.\n\nAnd one more paragraph to render.';
    const make = (slug: string) => ctx.content.articles.create(actor, { title: `Bench ${slug}`, slug, body, sectionId: section.id, status: 'published', publishedAt: new Date(Date.now() - 3_600_000) });
    await make('no-comments');
    const busy = await make('two-hundred-comments');
    const posting = await make('posting');
    await ctx.comments.settings.update(actor, { ...fast, moderation: { mode: 'post' } });
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) {
      // 0–49 top level (one page); 50–149 answer them, two each (depth 2); 150–199 answer 50–99 (depth 3).
      const parentId = i < 50 ? undefined : i < 150 ? ids[(i - 50) % 50] : ids[i - 100];
      const res = await ctx.comments.submit({
        article: { id: busy.id },
        fields: {
          content: `Comment ${i}: a reader's view on the story, with a link to https://example.org/source/${i} and a second sentence.\n\nAnd a second paragraph.`,
          authorName: `Reader ${i}`,
          authorEmail: `reader${i}@example.com`,
          authorUrl: i % 3 === 0 ? `https://reader${i}.example/` : undefined,
          parentId,
        },
        commenter: { kind: 'guest' },
        client: { ip: '192.0.2.10' },
        form: { token: ctx.comments.formToken(busy.id) },
      });
      if (res.kind !== 'stored') throw new Error(`seeding comment ${i}: ${JSON.stringify(res)}`);
      // Every comment carries a link, which the shipped model tends to hold: a moderator approves it.
      if (res.status !== 'approved') await ctx.comments.moderate(actor, res.id, 'approve');
      ids.push(res.id);
    }
    return { empty: '/bench/no-comments', busy: '/bench/two-hundred-comments', posting: posting.slug };
  } finally {
    await ctx.close();
  }
}

