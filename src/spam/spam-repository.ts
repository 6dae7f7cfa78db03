import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { anonymised, withoutContext } from './example-privacy.js';
import type { SpamInput } from './features.js';
import type { SpamLabel } from './model.js';

export type ExampleSource = 'moderator' | 'api' | 'import';

export interface StoredModel {
  version: number;
  /** `serializeModel` output. */
  model: Buffer;
  examples: number;
  updatedAt: string;
}

export interface StoredExample {
  id: number;
  source: ExampleSource;
  label: SpamLabel;
  input: SpamInput;
  createdAt: string;
}

const MODEL_ROW = 1;
/** Examples rewritten per query, so erasing a large backlog never holds it all in memory. */
const REWRITE_BATCH = 500;

type ExampleFilter = (eb: ExpressionBuilder<Database, 'spam_example'>) => Expression<SqlBool>;
type ExampleRow = { id: number; source: string; label: string; input: string; created_at: string };

function toStoredExample(r: ExampleRow): StoredExample {
  return { id: r.id, source: r.source as ExampleSource, label: r.label as SpamLabel, input: JSON.parse(r.input) as SpamInput, createdAt: r.created_at };
}

/** All SQL for the site's model and its labelled examples. */
export function createSpamRepository(db: Db) {
  /**
   * Rewrites the input of every example `filter` matches, batch by batch in application code
   * (the JSON is the same on both engines), and sets `marks` on it. The marks must take a
   * rewritten row out of the match (context erased, key cleared), so the loop ends. Returns how
   * many changed.
   */
  async function rewriteExamples(filter: ExampleFilter, change: (input: SpamInput) => SpamInput, marks: { context_erased: 1; author_key?: null }): Promise<number> {
    let changed = 0;
    for (;;) {
      const rows = await db.selectFrom('spam_example').select(['id', 'input']).where(filter).orderBy('id').limit(REWRITE_BATCH).execute();
      for (const row of rows) {
        const input = JSON.stringify(change(JSON.parse(row.input) as SpamInput));
        await db.updateTable('spam_example').set({ input, ...marks }).where('id', '=', row.id).execute();
      }
      changed += rows.length;
      if (rows.length < REWRITE_BATCH) return changed;
    }
  }

  return {
    async modelVersion(): Promise<number | undefined> {
      const row = await db.selectFrom('spam_model').select('version').where('id', '=', MODEL_ROW).executeTakeFirst();
      return row?.version;
    },

    async readModel(): Promise<StoredModel | undefined> {
      const row = await db
        .selectFrom('spam_model')
        .select(['version', 'model', 'examples', 'updated_at'])
        .where('id', '=', MODEL_ROW)
        .executeTakeFirst();
      if (!row) return undefined;
      return { version: row.version, model: Buffer.from(row.model, 'base64'), examples: row.examples, updatedAt: row.updated_at };
    },

    /**
     * Writes the model as version `expected + 1` only if the stored version is still `expected`
     * (0: no row yet). Returns false when another process wrote first.
     */
    async writeModel(expected: number, model: Buffer, examples: number, updatedAt: string): Promise<boolean> {
      const values = { model: model.toString('base64'), examples, updated_at: updatedAt, version: expected + 1 };
      if (expected === 0) {
        const result = await db
          .insertInto('spam_model')
          .values({ id: MODEL_ROW, ...values })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
      }
      const result = await db.updateTable('spam_model').set(values).where('id', '=', MODEL_ROW).where('version', '=', expected).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** `authorKey`: the example's author address as exampleKey() files it, if it had one. */
    async insertExamples(rows: ReadonlyArray<{ source: ExampleSource; label: SpamLabel; input: SpamInput; authorKey?: string | null }>, createdAt: string): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('spam_example')
        .values(rows.map((r) => ({ source: r.source, label: r.label, input: JSON.stringify(r.input), created_at: createdAt, author_key: r.authorKey ?? null })))
        .execute();
    },

    async listExamples(): Promise<StoredExample[]> {
      const rows = await db.selectFrom('spam_example').select(['id', 'source', 'label', 'input', 'created_at']).orderBy('id').execute();
      return rows.map(toStoredExample);
    },

    /** Examples filed under `authorKey` (see exampleKey). */
    async listExamplesByKey(authorKey: string): Promise<StoredExample[]> {
      const rows = await db.selectFrom('spam_example').select(['id', 'source', 'label', 'input', 'created_at']).where('author_key', '=', authorKey).orderBy('id').execute();
      return rows.map(toStoredExample);
    },

    /** Erases the referrer (and anything forStorage drops) from examples stored before `before`; they stay filed under their key. */
    eraseContextBefore(before: string): Promise<number> {
      return rewriteExamples((eb) => eb.and([eb('context_erased', '=', 0), eb('created_at', '<', before)]), withoutContext, { context_erased: 1 });
    },

    /** Anonymises the examples filed under `authorKey` and unfiles them. */
    anonymiseExamplesByKey(authorKey: string): Promise<number> {
      return rewriteExamples((eb) => eb('author_key', '=', authorKey), anonymised, { context_erased: 1, author_key: null });
    },

    async deleteExamplesByKey(authorKey: string): Promise<number> {
      const result = await db.deleteFrom('spam_example').where('author_key', '=', authorKey).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async countExamples(): Promise<Record<SpamLabel, number>> {
      const rows = await db
        .selectFrom('spam_example')
        .select((eb) => ['label', eb.fn.countAll<string | number>().as('n')])
        .groupBy('label')
        .execute();
      const counts = { spam: 0, ham: 0 };
      for (const r of rows) if (r.label === 'spam' || r.label === 'ham') counts[r.label] = Number(r.n);
      return counts;
    },
  };
}

export type SpamRepository = ReturnType<typeof createSpamRepository>;
