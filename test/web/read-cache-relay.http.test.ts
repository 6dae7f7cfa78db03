import pg from 'pg';
import { expect, it } from 'vitest';
import { boot } from '../../src/boot.js';
import { buildServer } from '../../src/web/server.js';
import { buildTestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { testConfig } from '../helpers/test-config.js';
import { commentIdsOn } from './comments-helpers.js';

const pgUrl = process.env.BROADSHEET_TEST_PG_URL;

// Several processes share one database only on PostgreSQL; SQLite serves a single process.
it.skipIf(!pgUrl)(
  `with the page cache off, an edit or an approved comment in one process shows in another at once${pgUrl ? '' : ' — skipped: BROADSHEET_TEST_PG_URL is not set'}`,
  async () => {
    const url = pgUrl as string;
    const schema = `test_read_relay_${process.pid}_${Date.now()}`;
    const first = await buildTestApp({ engine: 'postgres', url, newSchema: () => schema }, { pageCache: false });
    const secondCtx = await boot({ config: testConfig({ databaseUrl: url, pageCache: false }), clock: first.clock, schema });
    const second = await buildServer(secondCtx);
    // NOTIFY is asynchronous: poll briefly for the relayed invalidation.
    const eventually = async (path: string, done: (body: string) => boolean) => {
      let body = '';
      for (let i = 0; i < 50 && !done(body); i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 20));
        body = (await second.inject(path)).body;
      }
      return body;
    };
    try {
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
    } finally {
      await second.close();
      await secondCtx.close();
      await first.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  },
);
