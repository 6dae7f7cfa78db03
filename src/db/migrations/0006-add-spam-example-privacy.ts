import type { Kysely } from 'kysely';

/**
 * Lets the comments retention job and commenters' export / erase requests reach the spam
 * filter's labelled examples: a keyed hash of the author's address in a column of its own
 * (found without parsing JSON; see src/spam/example-privacy.ts) and a mark for examples whose
 * context the retention job has erased. Examples stored before hold only the address's domain,
 * so there is nothing to fill in for them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('spam_example').addColumn('author_key', 'text').execute();
  await db.schema.alterTable('spam_example').addColumn('context_erased', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('spam_example_author_key').on('spam_example').column('author_key').execute();
}
