import type { Db } from '../db/dialect.js';
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

/** All SQL for the site's model and its labelled examples. */
export function createSpamRepository(db: Db) {
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

    async insertExamples(rows: ReadonlyArray<{ source: ExampleSource; label: SpamLabel; input: SpamInput }>, createdAt: string): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('spam_example')
        .values(rows.map((r) => ({ source: r.source, label: r.label, input: JSON.stringify(r.input), created_at: createdAt })))
        .execute();
    },

    async listExamples(): Promise<StoredExample[]> {
      const rows = await db.selectFrom('spam_example').select(['id', 'source', 'label', 'input', 'created_at']).orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        source: r.source as ExampleSource,
        label: r.label as SpamLabel,
        input: JSON.parse(r.input) as SpamInput,
        createdAt: r.created_at,
      }));
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
