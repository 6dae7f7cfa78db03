import { expect, it } from 'vitest';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { withTwoProcesses } from '../helpers/two-processes.js';
import { commentIdsOn } from './comments-helpers.js';

const pgUrl = process.env.BROADSHEET_TEST_PG_URL;

// Several processes share one database only on PostgreSQL; SQLite serves a single process.
it.skipIf(!pgUrl)(
  `with the page cache off, an edit or an approved comment in one process shows in another at once${pgUrl ? '' : ' — skipped: BROADSHEET_TEST_PG_URL is not set'}`,
  () =>
    withTwoProcesses(pgUrl as string, 'test_read_relay', { pageCache: false }, async ({ first, second, eventually }) => {
      const n = await seedNewsroom(first.ctx);
      const a = await publishArticle(first.ctx, { title: 'Relayed before', slug: 'relayed', sectionId: n.world.id });
      expect((await second.inject('/world/relayed')).body).toContain('Relayed before');
      expect((await second.inject('/')).body).toContain('Relayed before');

      await first.ctx.content.articles.update(testActor, a.id, a.version, { title: 'Relayed after' });
      expect(await eventually('/', (body) => body.includes('Relayed after'))).not.toContain('Relayed before');
      expect((await second.inject('/world/relayed')).body).toContain('Relayed after');

      expect(commentIdsOn((await second.inject('/world/relayed')).body)).toEqual([]);
      const token = first.ctx.comments.formToken(a.id);
      // A form sent too soon after it was served counts as a bot's.
      first.clock.advance(10_000);
      const stored = await first.ctx.comments.submit({
        article: { id: a.id },
        fields: { content: 'Seen in every process.', authorName: 'Ann Reader', authorEmail: 'relay@example.com' },
        commenter: { kind: 'guest' },
        client: { ip: '192.0.2.20' },
        form: { token },
      });
      if (stored.kind !== 'stored') throw new Error(`the comment was not stored: ${stored.kind}`);
      await first.ctx.comments.moderate(testActor, stored.id, 'approve');
      expect(commentIdsOn(await eventually('/world/relayed', (body) => commentIdsOn(body).length > 0))).toEqual([stored.id]);
    }),
);
