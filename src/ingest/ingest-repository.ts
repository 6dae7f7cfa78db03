import type { Db } from '../db/dialect.js';

export interface PollRecordWrite {
  source_id: number;
  started_at: string;
  duration_ms: number;
  status: 'ok' | 'not-modified' | 'failed';
  item_count: number;
  new_count: number;
  updated_count: number;
  duplicate_count: number;
  failed_count: number;
  error: string | null;
}

export interface IngestItemWrite {
  source_id: number;
  guid: string;
  url: string;
  article_id: number | null;
  outcome: 'filed' | 'linked' | 'skipped';
  content_hash: string;
  article_version: number | null;
  full_text: 'none' | 'done' | 'pending' | 'gave-up';
  full_text_attempts: number;
  full_text_retry_at: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

const itemColumns = [
  'id',
  'source_id',
  'guid',
  'url',
  'article_id',
  'outcome',
  'content_hash',
  'article_version',
  'full_text',
  'full_text_attempts',
  'full_text_retry_at',
] as const;

/** All SQL for ingest's tables: source_poll_state, ingest_poll, ingest_item. */
export function createIngestRepository(db: Db) {
  return {
    /** Creates missing polling state rows, due at once. */
    async ensureStates(sourceIds: number[], now: string): Promise<void> {
      if (sourceIds.length === 0) return;
      await db
        .insertInto('source_poll_state')
        .values(sourceIds.map((id) => ({ source_id: id, next_poll_at: now })))
        .onConflict((oc) => oc.column('source_id').doNothing())
        .execute();
    },

    listStates() {
      return db
        .selectFrom('source_poll_state')
        .select(['source_id', 'etag', 'last_modified', 'last_polled_at', 'next_poll_at', 'lease_until', 'error_count', 'last_error'])
        .execute();
    },

    findState(sourceId: number) {
      return db
        .selectFrom('source_poll_state')
        .select(['source_id', 'etag', 'last_modified', 'last_polled_at', 'next_poll_at', 'lease_until', 'error_count', 'last_error'])
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
    },

    /**
     * Takes the lease on a source if nobody holds a live one (and, unless `force`, the source is
     * due). One conditional UPDATE, so of several processes racing exactly one wins.
     */
    async claim(sourceId: number, now: string, leaseUntil: string, force: boolean): Promise<boolean> {
      let query = db
        .updateTable('source_poll_state')
        .set({ lease_until: leaseUntil })
        .where('source_id', '=', sourceId)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]));
      if (!force) query = query.where('next_poll_at', '<=', now);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async finishPoll(
      sourceId: number,
      values: { etag?: string | null; last_modified?: string | null; last_polled_at: string; next_poll_at: string; error_count: number; last_error: string | null },
    ): Promise<void> {
      await db
        .updateTable('source_poll_state')
        .set({ ...values, lease_until: null })
        .where('source_id', '=', sourceId)
        .execute();
    },

    async recordPoll(values: PollRecordWrite): Promise<void> {
      await db.insertInto('ingest_poll').values(values).execute();
    },

    /** The latest poll of each source. */
    latestPolls() {
      return db
        .selectFrom('ingest_poll as p')
        .select(['p.source_id', 'p.started_at', 'p.duration_ms', 'p.status', 'p.item_count', 'p.new_count', 'p.updated_count', 'p.duplicate_count', 'p.failed_count', 'p.error'])
        .where((eb) =>
          eb(
            'p.id',
            '=',
            eb.selectFrom('ingest_poll as q').select((q) => q.fn.max('q.id').as('id')).whereRef('q.source_id', '=', 'p.source_id'),
          ),
        )
        .execute();
    },

    pollsOf(sourceId: number, limit: number) {
      return db
        .selectFrom('ingest_poll')
        .select(['source_id', 'started_at', 'duration_ms', 'status', 'item_count', 'new_count', 'updated_count', 'duplicate_count', 'failed_count', 'error'])
        .where('source_id', '=', sourceId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },

    /** The item a source sent before under this GUID, else under this URL. */
    async findItem(sourceId: number, guid: string, url: string) {
      const byGuid = await db.selectFrom('ingest_item').select(itemColumns).where('source_id', '=', sourceId).where('guid', '=', guid).executeTakeFirst();
      if (byGuid) return byGuid;
      return db.selectFrom('ingest_item').select(itemColumns).where('source_id', '=', sourceId).where('url', '=', url).orderBy('id').executeTakeFirst();
    },

    async insertItem(values: IngestItemWrite): Promise<void> {
      await db.insertInto('ingest_item').values(values).execute();
    },

    async updateItem(id: number, values: Partial<IngestItemWrite>): Promise<void> {
      await db.updateTable('ingest_item').set(values).where('id', '=', id).execute();
    },

    /** Items of a source whose page should be fetched again for the full text. */
    pendingFullText(sourceId: number, now: string, limit: number) {
      return db
        .selectFrom('ingest_item')
        .select(itemColumns)
        .where('source_id', '=', sourceId)
        .where('full_text', '=', 'pending')
        .where('full_text_retry_at', '<=', now)
        .orderBy('full_text_retry_at')
        .limit(limit)
        .execute();
    },
  };
}

export type IngestRepository = ReturnType<typeof createIngestRepository>;
export type IngestItemRow = NonNullable<Awaited<ReturnType<IngestRepository['findItem']>>>;
export type PollStateRow = NonNullable<Awaited<ReturnType<IngestRepository['findState']>>>;
