import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppContext, boot } from '../../src/boot.js';
import type { SpamCheckInput } from '../../src/comments/index.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createAkismetKeyVerifier, createClassifierSpamChecker, createClassifierSpamLearner, type SpamInput } from '../../src/spam/index.js';
import { deserializeModel, MODEL_FORMAT_VERSION, serializeModel } from '../../src/spam/serialize.js';
import { createSpamRepository } from '../../src/spam/spam-repository.js';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from '../../src/spam/train.js';
import { testNow } from '../helpers/build-test-app.js';
import { forEachDatabase, type TestDatabase } from '../helpers/for-each-database.js';
import { testConfig } from '../helpers/test-config.js';
import { sharedData } from '../helpers/shared-data.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/spam/${name}`, import.meta.url));
const psy = sharedData('spam/youtube/Youtube01-Psy.csv');

const spammy: SpamInput = { content: 'Check out my channel and subscribe!!! Free iPhone at http://bit.ly/free-phone' };
const newsy: SpamInput = { content: 'The council vote on the budget was closer than the article suggests; two members abstained.' };
/** Words no training set has seen: only what the site learns can move its score. */
const novel = (n: number): SpamInput => ({ content: `zorblax quintefy mortgage-helper ${n} glimmerwick`, authorEmail: `x${n}@zorblax.example` });

function syntheticExamples(count: number): Array<{ input: SpamInput; label: 'spam' | 'ham' }> {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? { input: { content: `buy cheap pills now at pharmacy-${i}.example discount ${i}` }, label: 'spam' as const }
      : { input: { content: `I enjoyed reading about the local election number ${i}, thanks` }, label: 'ham' as const },
  );
}

forEachDatabase('spam service', (database: TestDatabase) => {
  const opened: AppContext[] = [];
  afterEach(async () => {
    for (const ctx of opened.splice(0)) await ctx.close();
  });

  /** Two AppContexts over one database, as two processes would have. */
  async function sharedDatabase(clock = fixedClock(testNow)) {
    const url = database.engine === 'sqlite' ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'broadsheet-spam-')), 'test.db')}` : database.url;
    const schema = database.newSchema();
    const open = async () => {
      const ctx = await boot({ config: testConfig({ databaseUrl: url }), clock, schema });
      opened.push(ctx);
      return ctx;
    };
    return { open, clock };
  }

  it('protects a new site with the shipped default model', async () => {
    const { open } = await sharedDatabase();
    const ctx = await open();
    expect((await ctx.spam.modelInfo()).origin).toBe('default');
    const spam = await ctx.spam.classify(spammy);
    const ham = await ctx.spam.classify(newsy);
    expect(spam.isSpam).toBe(true);
    expect(spam.reasons.length).toBeGreaterThan(0);
    expect(ham.isSpam).toBe(false);
    expect(ctx.spam.verdict(spam.score, { low: 0.3, high: 0.9 })).toBe('spam');
    expect(ctx.spam.verdict(ham.score, { low: 0.3, high: 0.9 })).toBe('ham');
  });

  it('learns online at once, persists on flush, and a second process loads the stored model', async () => {
    const { open } = await sharedDatabase();
    const a = await open();
    const before = (await a.spam.classify(novel(0))).score;
    for (let i = 1; i <= 6; i++) await a.spam.learn(novel(i), 'spam', 'moderator');
    const afterLearning = (await a.spam.classify(novel(0))).score;
    expect(afterLearning).toBeGreaterThan(before);

    const b = await open();
    // Nothing written yet: the batch is still pending in the first process.
    expect((await b.spam.modelInfo()).origin).toBe('default');
    await a.spam.flush();
    const c = await open();
    expect(await c.spam.modelInfo()).toMatchObject({ origin: 'site', version: 1 });
    expect((await c.spam.classify(novel(0))).score).toBeCloseTo(afterLearning, 6);
  });

  it('reloads when another process writes a new version, after the check interval', async () => {
    const { open, clock } = await sharedDatabase();
    const a = await open();
    const b = await open();
    const before = (await b.spam.classify(novel(0))).score;
    for (let i = 1; i <= 6; i++) await a.spam.learn(novel(i), 'spam', 'moderator');
    await a.spam.flush();
    expect((await b.spam.classify(novel(0))).score).toBe(before);
    clock.advance(3_000);
    expect((await b.spam.classify(novel(0))).score).toBeGreaterThan(before);
    expect((await b.spam.modelInfo()).version).toBe(1);
  });

  it('keeps both processes’ learning when they write in turn', async () => {
    const { open, clock } = await sharedDatabase();
    const a = await open();
    const b = await open();
    await a.spam.learn(novel(1), 'spam', 'moderator');
    await b.spam.learn(novel(2), 'spam', 'moderator');
    const examplesBefore = (await a.spam.modelInfo()).examples - 1;
    await a.spam.flush();
    await b.spam.flush();
    clock.advance(3_000);
    const stored = await a.spam.modelInfo();
    expect(stored.version).toBe(2);
    expect(stored.examples).toBe(examplesBefore + 2);
  });

  it('retrains from scratch on the stored examples, and refuses with only one label', async () => {
    const { open } = await sharedDatabase();
    const ctx = await open();
    await ctx.spam.learn(novel(1), 'spam', 'api');
    await expect(ctx.spam.retrainFromExamples()).rejects.toMatchObject({ code: 'SPAM_TOO_FEW_EXAMPLES' });
    for (const e of syntheticExamples(40)) await ctx.spam.learn(e.input, e.label, 'moderator');
    const summary = await ctx.spam.retrainFromExamples();
    expect(summary).toMatchObject({ examples: 41, spam: 21, ham: 20 });
    expect(await ctx.spam.modelInfo()).toMatchObject({ origin: 'site', version: summary.version });
    expect((await ctx.spam.classify({ content: 'buy cheap pills now at pharmacy-99.example' })).isSpam).toBe(true);
    expect((await ctx.spam.classify({ content: 'I enjoyed reading about the local election' })).isSpam).toBe(false);
    const other = await open();
    expect((await other.spam.modelInfo()).version).toBe(summary.version);
  });

  it('retrains a stored model of an older format from the stored examples, scoring with the default meanwhile', async () => {
    const { open } = await sharedDatabase();
    const a = await open();
    for (const e of syntheticExamples(40)) await a.spam.learn(e.input, e.label, 'moderator');
    await a.spam.flush();
    const outdated = serializeModel(trainModel(syntheticExamples(40)));
    outdated[4] = MODEL_FORMAT_VERSION - 1;
    expect(await createSpamRepository(a.db).writeModel(1, outdated, 40, testNow.toISOString())).toBe(true);

    const b = await open();
    expect((await b.spam.classify(spammy)).isSpam).toBe(true);
    await b.spam.flush(); // queued behind the retrain the outdated model started
    expect(await b.spam.modelInfo()).toMatchObject({ origin: 'site', version: 3 });
    const stored = await createSpamRepository(b.db).readModel();
    expect(deserializeModel(stored?.model ?? Buffer.alloc(0)).examples).toBe(40 * DEFAULT_TRAIN_OPTIONS.epochs);
    expect((await b.spam.classify({ content: 'buy cheap pills now at pharmacy-99.example' })).isSpam).toBe(true);
  });

  it('trains from files, and a bad file names its line and stores nothing', async () => {
    const { open } = await sharedDatabase();
    const ctx = await open();
    await expect(ctx.spam.trainFromFiles([fixture('sms-small.tsv'), fixture('sms-bad-label.tsv')])).rejects.toMatchObject({
      code: 'SPAM_DATASET_INVALID',
      userMessage: expect.stringContaining('sms-bad-label.tsv:3:'),
    });
    await expect(ctx.spam.retrainFromExamples()).rejects.toMatchObject({ code: 'SPAM_TOO_FEW_EXAMPLES' });
    const phases: string[] = [];
    const summary = await ctx.spam.trainFromFiles([psy], (p) => phases.push(p.phase));
    expect(phases).toEqual(['read', 'store', 'train']);
    expect(summary).toMatchObject({ examples: 350, spam: 175, ham: 175, version: 1 });
    expect(summary.threshold).toBeGreaterThan(0);
  });

  it('adapts to the comments SpamChecker and learner interfaces', async () => {
    const { open } = await sharedDatabase();
    const ctx = await open();
    const checker = createClassifierSpamChecker(ctx.spam);
    const input: SpamCheckInput = { content: spammy.content, authorName: 'Best Deals', authorEmail: 'deals@example.com', ip: '203.0.113.9', honeypotFilled: false };
    const result = await checker.check(input);
    expect(result.score).toBeGreaterThan(0.5);
    expect(result.reasons.length).toBeGreaterThan(0);
    const aborted = new AbortController();
    aborted.abort();
    await expect(checker.check(input, { signal: aborted.signal })).rejects.toThrow();

    const learner = createClassifierSpamLearner(ctx.spam);
    const novelInput: SpamCheckInput = { ...input, content: novel(5).content };
    const before = (await checker.check(novelInput)).score;
    await learner.learn(novelInput, 'spam', 'moderator');
    await learner.learn(novelInput, 'spam', 'something-else');
    expect((await checker.check(novelInput)).score).toBeGreaterThan(before);
    const stored = await ctx.db.selectFrom('spam_example').select(['source', 'label', 'input']).orderBy('id').execute();
    expect(stored.map((r) => [r.source, r.label])).toEqual([
      ['moderator', 'spam'],
      ['moderator', 'spam'],
    ]);
    const kept = JSON.parse(stored[0].input);
    expect(kept).toMatchObject({ content: novelInput.content, authorEmail: '@example.com', commentType: 'comment', honeypotFilled: false });
    expect(kept.ip).toBeUndefined();

    const verifier = createAkismetKeyVerifier(ctx.spam.akismet.keys);
    const { key } = await ctx.spam.akismet.keys.add('https://blog.example/');
    expect(await verifier.verify(key)).toBe(true);
    expect(await verifier.verify('abcdefabcdef')).toBe(false);
    await ctx.spam.akismet.keys.revoke(key);
    expect(await verifier.verify(key)).toBe(false);
  });

  it('migrates the spam tables with the columns db/schema.ts declares', async () => {
    const { open } = await sharedDatabase();
    const ctx = await open();
    const tables = new Map((await ctx.db.introspection.getTables()).map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
    expect(tables.get('spam_model')).toEqual(['examples', 'id', 'model', 'updated_at', 'version']);
    expect(tables.get('spam_example')).toEqual(['author_key', 'context_erased', 'created_at', 'id', 'input', 'label', 'source']);
    expect(tables.get('akismet_key')).toEqual(['created_at', 'id', 'key_hash', 'key_hint', 'rate_limit', 'revoked_at', 'site_url']);
    expect(tables.get('akismet_key_day')).toEqual(['checks', 'day', 'false_positives', 'ham', 'key_id', 'missed_spam', 'spam']);
  });
});

describe('spam service without a database write in reach', () => {
  it('classifies from the default even before any example exists (no row is created by reading)', async () => {
    const ctx = await boot({ config: testConfig(), clock: fixedClock(testNow) });
    try {
      await ctx.spam.classify(newsy);
      await ctx.spam.flush();
      expect((await ctx.spam.modelInfo()).version).toBe(0);
    } finally {
      await ctx.close();
    }
  });
});

describe('stored examples', () => {
  it('keep no IP address, user agent or full e-mail address', async () => {
    const { forStorage } = await import('../../src/spam/example-privacy.js');
    const stored = forStorage({ content: 'Buy now', authorName: 'Bot', authorEmail: 'bot@spam.example', ip: '203.0.113.7', userAgent: 'curl/8.0', authorUrl: 'https://spam.example/' });
    expect(stored).toEqual({ content: 'Buy now', authorName: 'Bot', authorEmail: '@spam.example', authorUrl: 'https://spam.example/' });
  });
});
